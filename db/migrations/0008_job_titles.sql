CREATE TABLE "job_titles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title_search" "tsvector" NOT NULL,
	"company" text NOT NULL,
	"remote" text,
	"city" text,
	"region" text,
	"country" text,
	"salary_max_usd_year" double precision,
	"seniority" text,
	"employment_type" text
);
--> statement-breakpoint
DROP INDEX "jobs_title_search_gin";--> statement-breakpoint
ALTER TABLE "job_titles" ADD CONSTRAINT "job_titles_id_jobs_id_fk" FOREIGN KEY ("id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- job_titles mirrors the matchable jobs (open, with a vector). These triggers are its only writer, so
-- every statement that writes jobs keeps it in step (deletes follow by the foreign key). They are
-- created before the copy below: CREATE TRIGGER locks jobs against writes until the migration commits.
CREATE FUNCTION "job_titles_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.closed_at IS NULL AND NEW.embedding IS NOT NULL THEN
    INSERT INTO job_titles (id, title_search, company, remote, city, region, country, salary_max_usd_year, seniority, employment_type)
    VALUES (NEW.id, NEW.title_search, NEW.company, NEW.remote, NEW.city, NEW.region, NEW.country, NEW.salary_max_usd_year, NEW.seniority, NEW.employment_type)
    ON CONFLICT (id) DO UPDATE SET
      title_search = EXCLUDED.title_search, company = EXCLUDED.company, remote = EXCLUDED.remote,
      city = EXCLUDED.city, region = EXCLUDED.region, country = EXCLUDED.country,
      salary_max_usd_year = EXCLUDED.salary_max_usd_year, seniority = EXCLUDED.seniority,
      employment_type = EXCLUDED.employment_type;
  ELSIF TG_OP = 'UPDATE' THEN
    DELETE FROM job_titles WHERE id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "jobs_job_titles_insert" AFTER INSERT ON "jobs"
  FOR EACH ROW EXECUTE FUNCTION "job_titles_sync"();--> statement-breakpoint
-- Only when something job_titles holds changes: a recrawl that just bumps last_seen writes nothing.
CREATE TRIGGER "jobs_job_titles_update" AFTER UPDATE OF
  title, company, remote, city, region, country, salary_max_usd_year, seniority, employment_type, closed_at, embedding
  ON "jobs" FOR EACH ROW WHEN (
    (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL)
    OR (OLD.embedding IS NULL) <> (NEW.embedding IS NULL)
    OR (OLD.title, OLD.company, OLD.remote, OLD.city, OLD.region, OLD.country, OLD.salary_max_usd_year, OLD.seniority, OLD.employment_type)
      IS DISTINCT FROM (NEW.title, NEW.company, NEW.remote, NEW.city, NEW.region, NEW.country, NEW.salary_max_usd_year, NEW.seniority, NEW.employment_type)
  ) EXECUTE FUNCTION "job_titles_sync"();--> statement-breakpoint
INSERT INTO job_titles (id, title_search, company, remote, city, region, country, salary_max_usd_year, seniority, employment_type)
  SELECT id, title_search, company, remote, city, region, country, salary_max_usd_year, seniority, employment_type
  FROM jobs WHERE closed_at IS NULL AND embedding IS NOT NULL;--> statement-breakpoint
-- After the copy, so the index is built in one pass rather than row by row.
CREATE INDEX "job_titles_search_gin" ON "job_titles" USING gin ("title_search");