-- A job's vector (384 float4, about 1.5 KB) stays in the job's row. pgvector stores vectors EXTERNAL,
-- so once a long description made a row too big, Postgres moved the vector out to TOAST, and every
-- exact distance (the vector leg on a small database, the similarity of each candidate the matcher
-- scores) fetched it back through the TOAST index: 6,139 buffer reads for an exact scan of 2,000
-- jobs instead of 500. MAIN moves the description out first. It applies to rows written from now
-- on (new and re-embedded jobs); rewriting every row here would re-insert each one into the HNSW index.
ALTER TABLE "jobs" ALTER COLUMN "embedding" SET STORAGE MAIN;
