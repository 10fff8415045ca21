// Deterministic synthetic job postings and job seekers for benchmarks: ~30 role families (tech and
// not), 40 cities in 15 countries, salaries in local currencies, and descriptions composed from
// role-specific sentences so that full-text search and embeddings have real signal to find.
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { jobs } from '../db/schema.ts';
import { annualInCurrency, PERIODS_PER_YEAR, RATES_TO_USD } from '../tools/jobs/currency.ts';
import { dedupKey } from '../tools/jobs/dedup-key.ts';
import type { EmploymentType, RemoteMode, SalaryPeriod, Seniority } from '../tools/jobs/types.ts';
import { jobEmbeddingText } from '../tools/match/embed-text.ts';
import { LOCAL_EMBEDDER_MODEL_ID, type LocalEmbedder } from '../tools/match/local-embedder.ts';

// titles ; skills ; focus areas ; duties ; yearly USD pay of a mid-level US hire
const FAMILY_ROWS = `
Backend Engineer|Backend Developer|API Engineer ; Python, Go, PostgreSQL, Redis, Kafka, Docker, Kubernetes, AWS, gRPC, Java ; payment services|order pipelines|public APIs|event-driven services|billing systems ; design and ship REST APIs|tune slow database queries|build message consumers that survive retries|keep services healthy in production|split a monolith into services ; 140000
Frontend Engineer|Frontend Developer|UI Engineer ; React, TypeScript, Next.js, CSS, HTML, Jest, Webpack, GraphQL, Cypress, Storybook ; design systems|checkout flows|dashboards|accessible web apps|component libraries ; build accessible, responsive interfaces|improve page load and Core Web Vitals|turn Figma designs into reusable components|write component and end-to-end tests|work with designers on interaction details ; 130000
Full Stack Engineer|Full Stack Developer|Software Engineer ; TypeScript, Node.js, React, PostgreSQL, GraphQL, Docker, AWS, Ruby on Rails, Python, Redis ; customer-facing features|admin tools|the core web product|onboarding flows|partner integrations ; ship features from database schema to UI|own features end to end|write clean, tested code across the stack|pair with product on scope|fix production issues quickly ; 135000
iOS Engineer|Android Engineer|Mobile Developer ; Swift, Kotlin, SwiftUI, Jetpack Compose, iOS, Android, Firebase, React Native, Flutter, GraphQL ; the mobile app|offline sync|push notifications|in-app purchases|app performance ; build native features for iOS and Android|improve app startup time and crash rates|release through the App Store and Google Play|write unit and UI tests|shape the mobile architecture ; 135000
Site Reliability Engineer|DevOps Engineer|Platform Engineer ; Kubernetes, Terraform, AWS, Prometheus, Grafana, Linux, Ansible, Docker, Go, CI/CD ; cloud infrastructure|CI/CD pipelines|observability|incident response|capacity planning ; automate infrastructure with Terraform|run Kubernetes clusters at scale|define SLOs and alerting|lead blameless postmortems|cut cloud costs ; 145000
Data Engineer|Analytics Engineer|Big Data Engineer ; Python, SQL, Spark, Airflow, dbt, Snowflake, Kafka, BigQuery, AWS, Databricks ; data pipelines|the data warehouse|streaming ingestion|data quality|batch ETL jobs ; build reliable batch and streaming pipelines|model data in dbt|orchestrate jobs with Airflow|monitor data quality and freshness|partner with analysts on data models ; 140000
Data Scientist|Applied Scientist|Decision Scientist ; Python, SQL, pandas, scikit-learn, statistics, A/B testing, R, Jupyter, XGBoost, Tableau ; experimentation|pricing models|churn prediction|forecasting|causal inference ; design and analyse A/B tests|build predictive models for churn and pricing|explain findings to stakeholders|turn vague questions into analyses|prototype models for production ; 140000
Machine Learning Engineer|ML Engineer|AI Engineer ; Python, PyTorch, TensorFlow, MLOps, LLMs, Kubernetes, Docker, Ray, Hugging Face, AWS ; model serving|training pipelines|recommendation systems|LLM applications|feature stores ; train and deploy deep learning models|build retrieval and LLM features|scale model inference|monitor models for drift|own the ML training platform ; 160000
Security Engineer|Application Security Engineer|Cloud Security Engineer ; penetration testing, SIEM, OWASP, incident response, AWS, Python, threat modeling, Burp Suite, SOC 2, IAM ; application security|cloud security|detection and response|identity and access|vulnerability management ; run threat models and security reviews|triage vulnerability reports|build detections in the SIEM|harden cloud accounts|respond to security incidents ; 150000
QA Engineer|Test Automation Engineer|SDET ; Selenium, Cypress, Playwright, Java, Python, Jenkins, API testing, Postman, JMeter, Jira ; test automation|release quality|regression suites|performance testing|API testing ; automate regression suites|write test plans for new features|run performance and load tests|report and track defects|keep CI test runs fast and stable ; 110000
Embedded Software Engineer|Firmware Engineer|Embedded Developer ; C, C++, RTOS, embedded Linux, ARM, Python, Yocto, CAN bus, I2C, SPI ; firmware|device drivers|sensor integration|low-power devices|bootloaders ; write firmware for microcontrollers|bring up new hardware boards|debug with oscilloscopes and logic analysers|optimise for memory and power|write device drivers ; 130000
Cloud Architect|Solutions Architect|Enterprise Architect ; AWS, Azure, GCP, Terraform, Kubernetes, networking, microservices, serverless, IAM, cost optimization ; cloud migrations|reference architectures|multi-region deployments|landing zones|customer solutions ; design secure cloud architectures|lead migrations to the cloud|advise customers on trade-offs|write architecture decision records|review designs across teams ; 160000
Product Manager|Technical Product Manager|Product Owner ; roadmapping, Jira, user research, SQL, A/B testing, Amplitude, product discovery, Agile, stakeholder management, product analytics ; the product roadmap|growth|onboarding|the platform|customer insights ; own the roadmap for a product area|run discovery with customers|write clear product requirements|prioritise with engineering and design|measure outcomes, not output ; 145000
Product Designer|UX Designer|UI/UX Designer ; Figma, prototyping, user research, design systems, usability testing, interaction design, wireframing, Sketch, accessibility, visual design ; the design system|end-to-end user journeys|mobile and web experiences|onboarding|usability ; design flows from sketch to polished UI|run usability tests|maintain the design system|prototype ideas in Figma|work closely with product managers and engineers ; 120000
Data Analyst|Business Intelligence Analyst|Reporting Analyst ; SQL, Tableau, Power BI, Excel, Looker, Python, data visualization, statistics, Google Analytics, dbt ; dashboards|KPI reporting|business insights|marketing analytics|operational metrics ; build dashboards for leadership|answer business questions with SQL|define and track KPIs|automate recurring reports|present findings to stakeholders ; 95000
Accountant|General Ledger Accountant|Staff Accountant ; GAAP, IFRS, QuickBooks, SAP, accounts payable, accounts receivable, Excel, month-end close, reconciliation, NetSuite ; month-end close|the general ledger|reconciliations|audits|tax filings ; prepare journal entries and reconciliations|run the month-end close|support the annual audit|maintain the general ledger|improve accounting controls ; 75000
Financial Analyst|FP&A Analyst|Finance Business Partner ; financial modeling, forecasting, FP&A, Excel, budgeting, variance analysis, SQL, Power BI, Anaplan, valuation ; budgeting|forecasts|financial planning|board reporting|unit economics ; build financial models and forecasts|analyse budget variances|prepare board reporting|partner with department heads on budgets|evaluate investments ; 95000
Registered Nurse|Staff Nurse|ICU Nurse ; patient care, EHR, BLS, ACLS, medication administration, triage, critical care, patient assessment, infection control, Epic ; patient care|the intensive care unit|emergency care|surgical recovery|the medical-surgical ward ; assess and monitor patients|administer medications safely|document care in the EHR|educate patients and families|work with physicians and the care team ; 85000
Account Executive|Sales Executive|Enterprise Account Executive ; Salesforce, HubSpot, prospecting, negotiation, B2B sales, SaaS sales, pipeline management, cold calling, CRM, forecasting ; new business|enterprise accounts|the sales pipeline|mid-market customers|renewals and expansion ; prospect and close new business|run discovery calls and demos|negotiate contracts|keep Salesforce up to date|exceed a quarterly quota ; 110000
Digital Marketing Manager|Performance Marketing Manager|Growth Marketer ; SEO, Google Ads, Google Analytics, content marketing, HubSpot, email marketing, paid social, marketing automation, A/B testing, copywriting ; paid acquisition|organic growth|email campaigns|brand awareness|lead generation ; plan and run paid campaigns|grow organic traffic through SEO|manage the marketing budget|report on campaign performance|test landing pages and creative ; 100000
Content Writer|Copywriter|Content Strategist ; copywriting, content marketing, SEO, WordPress, editing, content strategy, social media, storytelling, research, CMS ; blog content|product copy|newsletters|case studies|the brand voice ; write clear blog posts and guides|edit copy for tone and accuracy|plan the content calendar|interview customers for case studies|optimise articles for search ; 70000
Recruiter|Technical Recruiter|Talent Acquisition Partner ; sourcing, LinkedIn Recruiter, Greenhouse, interviewing, onboarding, employer branding, ATS, candidate experience, Workday, negotiation ; technical hiring|the hiring pipeline|candidate experience|employer brand|offer negotiation ; source and engage candidates|run structured interviews|partner with hiring managers|manage offers and closing|improve the candidate experience ; 85000
HR Business Partner|People Partner|HR Generalist ; employee relations, Workday, performance management, onboarding, compensation, labor law, HRIS, talent management, coaching, policy development ; employee relations|performance reviews|compensation|organisational change|policies ; advise managers on people issues|run the performance review cycle|handle employee relations cases|shape HR policies|support reorganisations ; 95000
Customer Success Manager|Account Manager|Client Success Lead ; Salesforce, Zendesk, Gainsight, customer retention, onboarding, SaaS, account management, upselling, QBRs, customer support ; customer onboarding|renewals|customer health|adoption|strategic accounts ; onboard new customers|run quarterly business reviews|drive adoption and renewals|spot churn risk early|turn feedback into product requests ; 85000
Supply Chain Analyst|Logistics Coordinator|Procurement Specialist ; supply chain management, logistics, inventory management, SAP, Excel, procurement, demand planning, ERP, vendor management, lean ; inbound logistics|inventory|supplier performance|demand planning|freight ; plan inventory and replenishment|coordinate shipments with carriers|negotiate with suppliers|track supplier KPIs|improve forecast accuracy ; 75000
Operations Manager|Warehouse Manager|Plant Manager ; lean, Six Sigma, inventory management, operations management, budgeting, OSHA, KPIs, team leadership, process improvement, ERP ; warehouse operations|production lines|safety|shift planning|fulfilment ; lead shift teams on the floor|improve throughput with lean methods|own safety and quality metrics|plan staffing and budgets|work with procurement and logistics ; 90000
Teacher|Mathematics Teacher|Primary School Teacher ; curriculum development, classroom management, lesson planning, differentiated instruction, assessment, Google Classroom, special education, STEM, student engagement, parent communication ; mathematics|primary education|STEM subjects|student progress|the curriculum ; plan and deliver engaging lessons|assess student progress|differentiate instruction for every learner|communicate with parents|contribute to curriculum design ; 55000
Project Manager|Program Manager|Delivery Manager ; PMP, Agile, Scrum, MS Project, risk management, Jira, stakeholder management, budgeting, Confluence, Kanban ; delivery|cross-team programs|project budgets|risks and dependencies|client projects ; plan projects and track milestones|run standups and retrospectives|manage risks and dependencies|report status to stakeholders|keep budgets on track ; 105000
Legal Counsel|Paralegal|Contracts Manager ; contract law, legal research, GDPR, compliance, litigation, corporate law, contract negotiation, due diligence, intellectual property, employment law ; commercial contracts|privacy and data protection|compliance|corporate governance|disputes ; draft and negotiate commercial contracts|advise on GDPR and privacy|run legal research|support due diligence|manage the contract database ; 120000
Graphic Designer|Visual Designer|Brand Designer ; Adobe Photoshop, Illustrator, InDesign, typography, branding, Figma, motion graphics, After Effects, print design, layout ; brand identity|marketing campaigns|print and packaging|social media graphics|presentations ; design campaign assets for web and print|evolve the brand identity|lay out brochures and packaging|create motion graphics|prepare files for print ; 65000
Mechanical Engineer|Design Engineer|Product Development Engineer ; SolidWorks, AutoCAD, FEA, GD&T, CAD, MATLAB, prototyping, manufacturing, thermal analysis, DFM ; product design|mechanical systems|prototypes|manufacturing transfer|tolerance analysis ; design parts and assemblies in CAD|run FEA and thermal analysis|build and test prototypes|work with manufacturers on DFM|write engineering change orders ; 95000`;

// code|name|currency|pay level against the US ; city/region, ...
const COUNTRY_ROWS = `
US|United States|USD|1.0 ; New York/New York|San Francisco/California|Austin/Texas|Seattle/Washington|Chicago/Illinois|Boston/Massachusetts
GB|United Kingdom|GBP|0.75 ; London/England|Manchester/England|Edinburgh/Scotland
CA|Canada|CAD|0.75 ; Toronto/Ontario|Vancouver/British Columbia|Montreal/Quebec
DE|Germany|EUR|0.7 ; Berlin/Berlin|Munich/Bavaria|Hamburg/Hamburg|Frankfurt/Hesse
NL|Netherlands|EUR|0.7 ; Amsterdam/North Holland|Rotterdam/South Holland|Utrecht/Utrecht
FR|France|EUR|0.6 ; Paris/Île-de-France|Lyon/Auvergne-Rhône-Alpes
ES|Spain|EUR|0.45 ; Madrid/Madrid|Barcelona/Catalonia
IE|Ireland|EUR|0.75 ; Dublin/Leinster|Cork/Munster
PL|Poland|PLN|0.4 ; Warsaw/Masovia|Krakow/Lesser Poland|Wroclaw/Lower Silesia
SE|Sweden|SEK|0.6 ; Stockholm/Stockholm|Gothenburg/Västra Götaland
CH|Switzerland|CHF|1.0 ; Zurich/Zurich|Geneva/Geneva
IN|India|INR|0.2 ; Bangalore/Karnataka|Hyderabad/Telangana|Pune/Maharashtra
AU|Australia|AUD|0.75 ; Sydney/New South Wales|Melbourne/Victoria
SG|Singapore|SGD|0.8 ; Singapore/Singapore
BR|Brazil|BRL|0.3 ; São Paulo/São Paulo|Rio de Janeiro/Rio de Janeiro`;

// Tagged phrase rows: company words, description sentences, and seniority as `level weight pay-factor title`.
const PHRASES = `
heads: Acme Blue North Bright Silver Cedar Quantum Harbor Summit Nimbus Atlas Pine Vertex Coral Ember Lumen Orbit
tails: Labs Systems Health Logistics Analytics Robotics Bank Foods Energy Media Works Retail Capital Studios Care
intro: {c} is a {size}-person company based in {city}, building products used by millions of people every week.
intro: At {c} we help businesses run better; our team of {size} works across {country} and beyond.
intro: {c} has grown quickly since its founding and now employs {size} people, with its main office in {city}.
intro: Founded by practitioners, {c} is a profitable company of {size} that cares about doing things properly.
role: As a {title} you will work on {focus} and {focus}, mostly with {skill} and {skill}.
role: You will {duty}, and over time {duty}.
role: The team owns {focus} end to end and relies on {skill}, {skill} and {skill} every day.
role: In your first months you will {duty} while learning how we approach {focus}.
role: We measure success by outcomes: how well we {duty} and how much {focus} improves for our users.
soft: Clear written communication and a habit of documenting decisions
soft: Comfort with ambiguity and owning problems from start to finish
soft: Experience mentoring others or working closely with another discipline
soft: Curiosity and a willingness to learn new tools quickly
benefit: We offer a competitive salary, generous paid leave and a yearly learning budget.
benefit: Benefits include health insurance, a pension plan and flexible working hours.
benefit: You get a modern laptop, a home-office allowance and parental leave well above the legal minimum.
level: intern 3 0.35 {t} Intern
level: junior 12 0.7 Junior {t}
level: mid 25 1 {t}
level: senior 28 1.3 Senior {t}
level: staff 6 1.55 Staff {t}
level: principal 3 1.75 Principal {t}
level: lead 7 1.4 Lead {t}
level: manager 6 1.45 Team Manager, {t}
level: director 3 1.9 Director, {t}
level: executive 1 2.5 VP, {t}
level: - 6 1 {t}`;
const NAMESPACE = '6f1d7a52-3c0e-4c38-9a53-52f0a8d0b1c4';

export interface RoleFamily {
  titles: string[];
  skills: string[];
  focus: string[];
  duties: string[];
  baseUsd: number;
}

export interface Place {
  city: string;
  region: string;
  country: string;
  countryName: string;
  currency: string;
  payLevel: number;
}

/** A row for the jobs table, plus the role family it was drawn from. */
export type SyntheticJob = typeof jobs.$inferInsert & { id: string; family: number; descriptionMd: string };

export interface SyntheticSeeker {
  family: number;
  titles: string[];
  skills: string[];
  /** A resume-like text: headline, summary, skills and past roles. */
  text: string;
}

export type SyntheticJobs = ReturnType<typeof createSyntheticJobs>;

/** mulberry32: a small, fast seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const split = (s: string, sep: string) => s.split(sep).flatMap((x) => (x.trim() ? [x.trim()] : []));
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const sentence = (d: string) => `${d[0]!.toUpperCase()}${d.slice(1)}`;
const pickWith = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function shuffle<T>(xs: readonly T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function parseData() {
  const families: RoleFamily[] = split(FAMILY_ROWS, '\n').map((row) => {
    const [titles, skills, focus, duties, pay] = split(row, ' ; ');
    const [t, f, d] = [titles, focus, duties].map((x) => split(x!, '|'));
    return { titles: t!, skills: split(skills!, ','), focus: f!, duties: d!, baseUsd: Number(pay) };
  });
  const places: Place[] = split(COUNTRY_ROWS, '\n').flatMap((row) => {
    const [head, cities] = split(row, ' ; ');
    const [country, countryName, currency, level] = split(head!, '|') as [string, string, string, string];
    return split(cities!, '|').map((c) => {
      const [city, region] = split(c, '/') as [string, string];
      return { city, region, country, countryName, currency, payLevel: Number(level) };
    });
  });
  const phrases: Record<string, string[]> = {};
  for (const line of split(PHRASES, '\n')) {
    const at = line.indexOf(': ');
    const tag = line.slice(0, at);
    phrases[tag] = [...(phrases[tag] ?? []), line.slice(at + 2)];
  }
  const levels = phrases.level!.map((row) => {
    const [name, weight, pay, ...title] = row.split(' ');
    const seniority = name === '-' ? null : (name as Seniority);
    return { seniority, weight: Number(weight), pay: Number(pay), title: title.join(' ') };
  });
  return { families, places, phrases, levels };
}

/** Creates the generator; every job and seeker is a pure function of (seed, index). */
export function createSyntheticJobs(seed = 42) {
  const { families, places, phrases, levels } = parseData();
  const companies = split(phrases.heads![0]!, ' ').flatMap((h) =>
    split(phrases.tails![0]!, ' ').map((t) => `${h} ${t}`),
  );
  const totalWeight = levels.reduce((sum, l) => sum + l.weight, 0);
  const rngFor = (index: number, salt: number) =>
    seededRandom((seed * 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b) ^ salt);

  function job(index: number): SyntheticJob {
    const rnd = rngFor(index, 0x1234);
    const pick = <T>(xs: readonly T[]): T => pickWith(rnd, xs);
    const family = Math.floor(rnd() * families.length);
    const fam = families[family]!;
    const place = pick(places);
    const company = pick(companies);
    let roll = rnd() * totalWeight;
    const level = levels.find((l) => {
      roll -= l.weight;
      return roll < 0;
    })!;
    const title = level.title.replace('{t}', pick(fam.titles));
    const r = rnd();
    const remote: RemoteMode = r < 0.25 ? 'remote' : r < 0.55 ? 'hybrid' : 'onsite';
    const worldwide = remote === 'remote' && rnd() < 0.3;
    const other = pick(['contract', 'part_time', 'temporary'] as const);
    const employmentType: EmploymentType =
      level.seniority === 'intern' ? 'internship' : rnd() < 0.88 ? 'full_time' : other;
    const where = `${place.city}, ${place.countryName}`;
    const remoteText = worldwide ? 'Remote' : `Remote - ${place.countryName}`;
    const locationText = { remote: remoteText, hybrid: `${where} (Hybrid)`, onsite: where }[remote];
    const usdYear = fam.baseUsd * place.payLevel * level.pay * (0.85 + rnd() * 0.3);
    const salary = makeSalary(rnd() < 0.8 ? usdYear : null, place, employmentType, rnd);
    const skills = shuffle(fam.skills, rnd).slice(0, 4 + Math.floor(rnd() * 4));
    const descriptionMd = describe({ fam, title, company, place, skills, phrases, rnd });
    const canonicalUrl = `https://jobs.example.com/${slug(company)}/${index}-${slug(title)}`;
    const cityKnown = remote !== 'remote';
    return {
      id: uuidv5(canonicalUrl, NAMESPACE),
      canonicalUrl,
      url: `${canonicalUrl}?src=bench`,
      company,
      title,
      locationText,
      city: cityKnown ? place.city : null,
      region: cityKnown ? place.region : null,
      country: worldwide ? null : place.country,
      remote,
      employmentType,
      seniority: level.seniority,
      ...salary,
      descriptionMd,
      skills: skills.map((s) => s.toLowerCase()),
      contentHash: createHash('sha256').update(`${title}\n${company}\n${descriptionMd}`).digest('hex'),
      dedupKey: dedupKey(company, title, cityKnown ? `${place.city} ${place.country}` : locationText),
      postedAt: new Date(Date.UTC(2025, 5, 1) - Math.floor(rnd() * 60) * 86_400_000),
      closedAt: rnd() < 0.05 ? new Date(Date.UTC(2025, 5, 2)) : null,
      family,
    };
  }

  function seeker(family: number, index: number): SyntheticSeeker {
    const rnd = rngFor(index, 0x5eed);
    const fam = families[family % families.length]!;
    const skills = shuffle(fam.skills, rnd).slice(0, 6);
    const [focus, focus2] = shuffle(fam.focus, rnd);
    const duties = shuffle(fam.duties, rnd).map(sentence);
    const years = 2 + Math.floor(rnd() * 12);
    const [now, before] = shuffle(companies, rnd);
    const text = [
      `${fam.titles[0]}\n${fam.titles[0]} with ${years} years of experience in ${focus} and ${focus2}.`,
      `Skills: ${skills.join(', ')}\nExperience\n${fam.titles[0]}, ${now} (2020 - present)`,
      ...duties.slice(0, 3).map((d) => `- ${d} using ${pickWith(rnd, skills)}.`),
      `${fam.titles[1] ?? fam.titles[0]}, ${before} (${2020 - years} - 2020)`,
      ...duties.slice(3).map((d) => `- ${d}.`),
    ].join('\n');
    return { family: family % families.length, titles: fam.titles.slice(0, 2), skills, text };
  }

  return { families, places, companies, job, seeker };
}

/** Salary columns for a yearly USD figure, stated in the place's currency; all null when `usdYear` is. */
function makeSalary(usdYear: number | null, place: Place, type: EmploymentType, rnd: () => number) {
  const monthly = (place.country === 'PL' || place.country === 'BR') && rnd() < 0.5;
  const period: SalaryPeriod = type === 'contract' ? 'hour' : monthly ? 'month' : 'year';
  const step = { hour: 1, month: 100 }[period as string] ?? 1000;
  const max =
    usdYear && Math.round(usdYear / RATES_TO_USD[place.currency]! / PERIODS_PER_YEAR[period] / step) * step;
  const min = max && Math.round((max * 0.8) / step) * step;
  return {
    salaryMin: min,
    salaryMax: max,
    salaryCurrency: max ? place.currency : null,
    salaryPeriod: max ? period : null,
    salaryMinUsdYear: min && annualInCurrency(min, place.currency, period, 'USD'),
    salaryMaxUsdYear: max && annualInCurrency(max, place.currency, period, 'USD'),
  };
}

interface DescribeInput {
  fam: RoleFamily;
  title: string;
  company: string;
  place: Place;
  skills: string[];
  phrases: Record<string, string[]>;
  rnd: () => number;
}

/** A 600–1,500 character Markdown description built from the family's sentences. */
function describe({ fam, title, company, place, skills, phrases, rnd }: DescribeInput): string {
  const pick = <T>(xs: readonly T[]): T => pickWith(rnd, xs);
  const target = 600 + Math.floor(rnd() * 900);
  const text: Record<string, string> = { c: company, city: place.city, country: place.countryName, title };
  // Pools are dealt in shuffled order, so "{skill}, {skill} and {skill}" names three different skills.
  const pools: Record<string, string[]> = {
    focus: fam.focus,
    duty: fam.duties,
    skill: skills,
    role: phrases.role!,
  };
  const decks: Record<string, string[]> = {};
  const deal = (k: string) => {
    if (!decks[k]?.length) decks[k] = shuffle(pools[k]!, rnd);
    return decks[k]!.pop()!;
  };
  const size = () => String(20 + Math.floor(rnd() * 2000));
  const fill = (line: string) =>
    line.replace(/\{(\w+)\}/g, (_, k: string) => text[k] ?? (k === 'size' ? size() : deal(k)));
  const intro = fill(pick(phrases.intro!));
  const benefit = pick(phrases.benefit!);
  const role = [fill(phrases.role![0]!)];
  const duties = shuffle(fam.duties, rnd)
    .slice(0, 3)
    .map((d) => `- ${sentence(d)}`)
    .join('\n');
  const years = 1 + Math.floor(rnd() * 8);
  const bring = `- ${years}+ years of experience with ${skills[0]} and ${skills[1]}
- Familiarity with ${skills.slice(2).join(', ')}\n- ${pick(phrases.soft!)}`;
  const build = () => `## About ${company}\n${intro}\n\n## The role\n${role.join(' ')}\n\n## What you will do
${duties}\n\n## What you bring\n${bring}\n\n## What we offer\n${benefit}`;
  while (build().length < target) role.push(fill(deal('role')));
  while (build().length > 1500 && role.length > 1) role.pop();
  return build().slice(0, 1500);
}

/** Jobs start..end-1 as rows to insert, embedded by the local embedder as the embed task would. */
export function embeddedJobRows(gen: SyntheticJobs, embedder: LocalEmbedder, start: number, end: number) {
  const rows = [];
  for (let i = start; i < end; i++) {
    const { family: _family, ...job } = gen.job(i);
    const embedding = embedder.embedText(jobEmbeddingText({ ...job, skills: job.skills ?? [] }));
    rows.push({ ...job, embedding, embeddingModel: LOCAL_EMBEDDER_MODEL_ID, embeddedHash: job.contentHash });
  }
  return rows;
}
