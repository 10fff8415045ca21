// A deterministic careers site for the crawl benchmark: paginated static listings of job pages
// with JobPosting JSON-LD, and a client-rendered area that only a browser can read. Every answer
// is delayed by latencyMs so the crawler's concurrency, not loopback speed, sets the pace.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureSiteOptions {
  staticPages?: number;
  jsPages?: number;
  latencyMs?: number;
}

export interface FixtureSite {
  baseUrl: string;
  staticListingUrl: string;
  jsListingUrl: string;
  staticJobUrls: string[];
  jsJobUrls: string[];
  requests(): number;
  close(): Promise<void>;
}

export const LINKS_PER_LISTING = 50;
const JS_ID_OFFSET = 100_000;

const split = (list: string) => list.split('|');
const TITLES = split(
  'Backend Engineer|Frontend Developer|Data Scientist|Product Designer|Site Reliability Engineer|Machine Learning Engineer|Mobile Developer|Security Analyst|Engineering Manager|QA Engineer|Data Engineer|Solutions Architect|Technical Writer|Product Manager|DevOps Engineer|Platform Engineer|UX Researcher|Database Administrator|Cloud Consultant|Sales Engineer|Customer Success Manager|Embedded Software Engineer|Game Developer|Analytics Engineer|Recruiter|Financial Analyst|IT Support Specialist|Network Engineer|Compiler Engineer',
);
const COMPANIES = split(
  'Northwind Labs|Bluefin Analytics|Corvid Systems|Helio Health|Kestrel Robotics|Lumen Freight|Mistral Payments|Nimbus Retail|Orchid Bio|Pinecone Media|Quarry Games|Riverbank Insurance|Saffron Foods|Tundra Energy|Umber Security|Vantage Mobility|Willow Education|Xylo Audio|Yarrow Travel|Zephyr Cloud|Atlas Legal|Beacon Civic|Cobalt Mining',
);
// city, country, currency
const CITIES = split(
  'Berlin,DE,EUR|Munich,DE,EUR|Hamburg,DE,EUR|Amsterdam,NL,EUR|Paris,FR,EUR|Madrid,ES,EUR|Vienna,AT,EUR|Zurich,CH,CHF|London,GB,GBP|Manchester,GB,GBP|Dublin,IE,EUR|Stockholm,SE,SEK|Warsaw,PL,PLN|New York,US,USD|Austin,US,USD|Toronto,CA,CAD|Lisbon,PT,EUR',
).map((c) => c.split(',') as [string, string, string]);
const SENTENCES = split(
  'You will design, build and operate services that thousands of customers rely on every day.|Our stack is TypeScript, Go and PostgreSQL, deployed on Kubernetes with Terraform.|We value clear writing, small pull requests and pairing over heroics.|You will work closely with product, design and support to ship improvements every week.|We care about observability: metrics, traces and structured logs are part of every change.|You have shipped production software and can explain the trade-offs you made.|Experience with event-driven systems, queues and caching is a plus.|We offer a learning budget, flexible hours and thirty days of paid leave.|The team is distributed across three time zones and meets in person twice a year.|You will mentor colleagues, review designs and help shape our engineering practices.|We are an equal opportunity employer and welcome applicants from every background.|Our interview process has four steps and we answer every application within a week.',
);

/** A small seeded generator so every page is identical from run to run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FixtureJob {
  id: number;
  title: string;
  company: string;
  city: string;
  country: string;
  currency: string;
  salaryMin: number;
  salaryMax: number;
  descriptionHtml: string;
}

/** Job n; the strides are coprime with the list sizes, so (company, title, city) stays unique. */
export function fixtureJob(id: number): FixtureJob {
  const n = id % JS_ID_OFFSET;
  const rand = seeded(id);
  const [city, country, currency] = CITIES[n % CITIES.length]!;
  const salaryMin = 40_000 + Math.floor(rand() * 80) * 1000;
  const paragraphs: string[] = [];
  const count = 15 + Math.floor(rand() * 14);
  for (let p = 0; p < count; p++) {
    const words = [0, 1, 2, 3].map(() => SENTENCES[Math.floor(rand() * SENTENCES.length)]).join(' ');
    paragraphs.push(p % 5 === 0 ? `<h3>Part ${p / 5 + 1}</h3><p>${words}</p>` : `<p>${words}</p>`);
  }
  return {
    id,
    title: TITLES[n % TITLES.length]!,
    company: COMPANIES[n % COMPANIES.length]!,
    city,
    country,
    currency,
    salaryMin,
    salaryMax: salaryMin + 10_000 + Math.floor(rand() * 30) * 1000,
    descriptionHtml: paragraphs.join(''),
  };
}

export function jobPostingJsonLd(job: FixtureJob, url: string): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: job.title,
    url,
    identifier: { '@type': 'PropertyValue', name: job.company, value: String(job.id) },
    datePosted: `2026-0${1 + (job.id % 9)}-1${job.id % 10}`,
    employmentType: job.id % 7 === 0 ? 'PART_TIME' : 'FULL_TIME',
    description: job.descriptionHtml,
    hiringOrganization: { '@type': 'Organization', name: job.company },
    jobLocation: {
      '@type': 'Place',
      address: { '@type': 'PostalAddress', addressLocality: job.city, addressCountry: job.country },
    },
    baseSalary: {
      '@type': 'MonetaryAmount',
      currency: job.currency,
      value: {
        '@type': 'QuantitativeValue',
        minValue: job.salaryMin,
        maxValue: job.salaryMax,
        unitText: 'YEAR',
      },
    },
  };
}

// JSON inside <script> must not contain "</script"; real sites escape "<" the same way.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const STYLE = `<style>${Array.from({ length: 40 }, (_, i) => `.c${i}{margin:${i}px;padding:${i % 7}px;color:#${(i * 99991).toString(16).slice(0, 6).padEnd(6, '0')}}`).join('')}</style>`;
const NAV = `<header class="site-header"><a class="logo" href="/">Careers</a><nav aria-label="Main"><ul>${[
  'About us',
  'Teams',
  'Benefits',
  'Locations',
  'Blog',
  'Events',
  'Students',
  'Diversity',
  'Press',
  'Contact',
]
  .map((label) => `<li><a href="/${label.toLowerCase().replace(/\s+/g, '-')}">${label}</a></li>`)
  .join('')}</ul></nav></header>`;
const FOOTER = `<footer class="site-footer">${['Company', 'Resources', 'Legal'].map((group) => `<section><h4>${group}</h4><ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/${group.toLowerCase()}/page-${i}">${group} page ${i}</a></li>`).join('')}</ul></section>`).join('')}<p>© 2026 Careers Collective. All rights reserved.</p></footer>`;
const ANALYTICS = `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());</script>`;

function page(title: string, head: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta name="viewport" content="width=device-width">${STYLE}${head}</head><body>${body}${ANALYTICS}</body></html>`;
}

function listingPage(path: string, ids: number[], pageNo: number, pages: number): string {
  const links = ids
    .map((id) => {
      const job = fixtureJob(id);
      return `<li class="job"><a href="${path}/${id}">${job.title}</a> <span>${job.company} · ${job.city}</span></li>`;
    })
    .join('');
  const next = pageNo < pages ? `<a rel="next" href="${path}?page=${pageNo + 1}">Next</a>` : '';
  return page(
    'Open positions',
    '',
    `${NAV}<main><h1>Open positions</h1><ul>${links}</ul>${next}</main>${FOOTER}`,
  );
}

function detailPage(id: number, url: string): string {
  const job = fixtureJob(id);
  const ld = `<script type="application/ld+json">${scriptJson(jobPostingJsonLd(job, url))}</script>`;
  const body = `${NAV}<main><article><h1>${job.title}</h1><p class="meta">${job.company} · ${job.city}, ${job.country} · ${job.currency} ${job.salaryMin}–${job.salaryMax} a year</p>${job.descriptionHtml}<a class="apply" href="/apply/${id}">Apply now</a></article></main>${FOOTER}`;
  return page(`${job.title} at ${job.company}`, ld, body);
}

/** The JS area: an empty mount point and a script that fills it in after a timer. */
function appListingPage(ids: number[], pageNo: number, pages: number): string {
  const data = ids.map((id) => ({ id, title: fixtureJob(id).title }));
  const script = `<script>const DATA=${scriptJson(data)};const NEXT=${pageNo < pages ? pageNo + 1 : 0};
setTimeout(()=>{const root=document.getElementById('root');const ul=document.createElement('ul');
for(const j of DATA){const li=document.createElement('li');const a=document.createElement('a');a.href='/app/jobs/'+j.id;a.textContent=j.title;li.appendChild(a);ul.appendChild(li);}
root.appendChild(ul);if(NEXT){const n=document.createElement('a');n.rel='next';n.href='/app/jobs?page='+NEXT;n.textContent='Next';root.appendChild(n);}},30);</script>`;
  return page('Careers', '', `<div id="root"></div>${script}`);
}

function appDetailPage(id: number, url: string): string {
  const job = fixtureJob(id);
  const script = `<script>const JOB=${scriptJson(jobPostingJsonLd(job, url))};
setTimeout(()=>{const s=document.createElement('script');s.type='application/'+'ld+json';s.textContent=JSON.stringify(JOB);document.head.appendChild(s);
const root=document.getElementById('root');const h=document.createElement('h1');h.textContent=JOB.title;root.appendChild(h);
const d=document.createElement('div');d.innerHTML=JOB.description;root.appendChild(d);},30);</script>`;
  return page('Careers', '', `<div id="root"></div>${script}`);
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** The site's URLs for a given base, so a process that did not start the site can still list them. */
export function fixtureSiteUrls(baseUrl: string, staticPages = 2000, jsPages = 200) {
  return {
    baseUrl,
    staticListingUrl: `${baseUrl}/jobs`,
    jsListingUrl: `${baseUrl}/app/jobs`,
    staticJobUrls: range(1, staticPages).map((id) => `${baseUrl}/jobs/${id}`),
    jsJobUrls: range(JS_ID_OFFSET + 1, jsPages).map((id) => `${baseUrl}/app/jobs/${id}`),
  };
}

export function startFixtureSite(options: FixtureSiteOptions = {}): Promise<FixtureSite> {
  const staticPages = options.staticPages ?? 2000;
  const jsPages = options.jsPages ?? 200;
  const latencyMs = options.latencyMs ?? 20;
  const staticIds = range(1, staticPages);
  const jsIds = range(JS_ID_OFFSET + 1, jsPages);
  let requests = 0;

  function answer(req: IncomingMessage): { status: number; type: string; body: string } {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const self = `http://${req.headers.host}${url.pathname}`;
    const pageNo = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
    const html = (body: string) => ({ status: 200, type: 'text/html; charset=utf-8', body });
    if (url.pathname === '/robots.txt')
      return { status: 200, type: 'text/plain', body: 'User-agent: *\nAllow: /\n' };
    const area = /^\/(app\/)?jobs(?:\/(\d+))?$/.exec(url.pathname);
    if (!area) return { status: 404, type: 'text/plain', body: 'not found' };
    const ids = area[1] ? jsIds : staticIds;
    if (area[2] === undefined) {
      const pages = Math.max(1, Math.ceil(ids.length / LINKS_PER_LISTING));
      const slice = ids.slice((pageNo - 1) * LINKS_PER_LISTING, pageNo * LINKS_PER_LISTING);
      if (slice.length === 0) return { status: 404, type: 'text/plain', body: 'no such page' };
      return html(
        area[1] ? appListingPage(slice, pageNo, pages) : listingPage('/jobs', slice, pageNo, pages),
      );
    }
    const id = Number(area[2]);
    if (!(id >= ids[0]! && id <= ids.at(-1)!))
      return { status: 404, type: 'text/plain', body: 'no such job' };
    return html(area[1] ? appDetailPage(id, self) : detailPage(id, self));
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests++;
    setTimeout(() => {
      const { status, type, body } = answer(req);
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    }, latencyMs);
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        ...fixtureSiteUrls(`http://127.0.0.1:${port}`, staticPages, jsPages),
        requests: () => requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
