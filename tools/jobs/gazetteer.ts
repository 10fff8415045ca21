import { placeKey } from './countries.ts';

// Major job-market cities. Each row is `Name|alias|alias: CC[ REGION]`: the first name is the one we
// report, aliases are native or older spellings postings use ("München", "Bangalore"). Region codes
// are given for US, Canada and Australia, whose postings write "City, XX".
const CITY_ROWS = `
New York|New York City|NYC|Manhattan|Brooklyn: US NY
San Francisco|SF|San Francisco Bay Area|Bay Area: US CA
Los Angeles: US CA
San Jose: US CA
Palo Alto: US CA
Mountain View: US CA
Menlo Park: US CA
Sunnyvale: US CA
Santa Clara: US CA
Cupertino: US CA
Redwood City: US CA
Oakland: US CA
San Diego: US CA
Irvine: US CA
Sacramento: US CA
Seattle: US WA
Redmond: US WA
Bellevue: US WA
Portland: US OR
Austin: US TX
Dallas: US TX
Houston: US TX
San Antonio: US TX
Denver: US CO
Boulder: US CO
Phoenix: US AZ
Salt Lake City: US UT
Chicago: US IL
Minneapolis: US MN
Detroit: US MI
Columbus: US OH
Pittsburgh: US PA
Philadelphia: US PA
Boston: US MA
Cambridge: GB
Washington|Washington DC|Washington D.C.|DC: US DC
Arlington: US VA
Baltimore: US MD
Atlanta: US GA
Miami: US FL
Tampa: US FL
Orlando: US FL
Charlotte: US NC
Raleigh: US NC
Durham: US NC
Nashville: US TN
St. Louis|Saint Louis: US MO
Kansas City: US MO
Las Vegas: US NV
Toronto: CA ON
Ottawa: CA ON
Waterloo: CA ON
Montreal|Montréal: CA QC
Quebec City|Québec: CA QC
Vancouver: CA BC
Calgary: CA AB
Edmonton: CA AB
Winnipeg: CA MB
Halifax: CA NS
Sydney: AU NSW
Melbourne: AU VIC
Brisbane: AU QLD
Perth: AU WA
Adelaide: AU SA
Canberra: AU ACT
Auckland: NZ
Wellington: NZ
London: GB
Manchester: GB
Birmingham: GB
Leeds: GB
Bristol: GB
Edinburgh: GB
Glasgow: GB
Oxford: GB
Belfast: GB
Dublin: IE
Cork: IE
Berlin: DE
Munich|München|Muenchen: DE
Hamburg: DE
Frankfurt|Frankfurt am Main: DE
Cologne|Köln|Koeln: DE
Düsseldorf|Duesseldorf|Dusseldorf: DE
Stuttgart: DE
Leipzig: DE
Dresden: DE
Nuremberg|Nürnberg|Nuernberg: DE
Hanover|Hannover: DE
Karlsruhe: DE
Vienna|Wien: AT
Graz: AT
Linz: AT
Zurich|Zürich|Zuerich: CH
Geneva|Genève|Genf: CH
Basel: CH
Lausanne: CH
Bern|Berne: CH
Paris: FR
Lyon: FR
Marseille: FR
Toulouse: FR
Bordeaux: FR
Nantes: FR
Lille: FR
Brussels|Bruxelles|Brussel: BE
Antwerp|Antwerpen: BE
Ghent|Gent: BE
Amsterdam: NL
Rotterdam: NL
The Hague|Den Haag: NL
Utrecht: NL
Eindhoven: NL
Luxembourg|Luxembourg City: LU
Madrid: ES
Barcelona: ES
Valencia: ES
Seville|Sevilla: ES
Málaga|Malaga: ES
Lisbon|Lisboa: PT
Porto: PT
Milan|Milano: IT
Rome|Roma: IT
Turin|Torino: IT
Bologna: IT
Athens|Athína: GR
Stockholm: SE
Gothenburg|Göteborg: SE
Malmö|Malmo: SE
Oslo: NO
Bergen: NO
Copenhagen|København|Kobenhavn: DK
Aarhus|Århus: DK
Helsinki: FI
Tallinn: EE
Riga: LV
Vilnius: LT
Warsaw|Warszawa: PL
Kraków|Krakow|Cracow: PL
Wrocław|Wroclaw: PL
Gdańsk|Gdansk: PL
Poznań|Poznan: PL
Prague|Praha: CZ
Brno: CZ
Bratislava: SK
Budapest: HU
Bucharest|București: RO
Cluj-Napoca|Cluj: RO
Sofia: BG
Zagreb: HR
Ljubljana: SI
Belgrade|Beograd: RS
Kyiv|Kiev: UA
Lviv: UA
Istanbul|İstanbul: TR
Tel Aviv|Tel Aviv-Yafo: IL
Dubai: AE
Abu Dhabi: AE
Riyadh: SA
Cairo: EG
Lagos: NG
Nairobi: KE
Cape Town: ZA
Johannesburg: ZA
Bengaluru|Bangalore: IN
Mumbai|Bombay: IN
Delhi|New Delhi: IN
Gurugram|Gurgaon: IN
Noida: IN
Hyderabad: IN
Chennai|Madras: IN
Pune: IN
Kolkata|Calcutta: IN
Singapore: SG
Hong Kong: HK
Shanghai: CN
Beijing: CN
Shenzhen: CN
Taipei: TW
Tokyo: JP
Osaka: JP
Seoul: KR
Kuala Lumpur: MY
Bangkok: TH
Ho Chi Minh City|Saigon: VN
Hanoi: VN
Manila: PH
Jakarta: ID
Mexico City|Ciudad de México|CDMX: MX
Guadalajara: MX
Monterrey: MX
São Paulo|Sao Paulo: BR
Rio de Janeiro: BR
Buenos Aires: AR
Santiago: CL
Bogotá|Bogota: CO
Medellín|Medellin: CO
Lima: PE
Montevideo: UY
`;

export interface City {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Region code, for US, Canadian and Australian cities. */
  region: string | null;
}

function parseCities(): Map<string, City> {
  const byKey = new Map<string, City>();
  for (const line of CITY_ROWS.trim().split('\n')) {
    const [names, place] = line.split(': ') as [string, string];
    const [country, region] = place.split(' ') as [string, string | undefined];
    const aliases = names.split('|');
    const city: City = { name: aliases[0]!, country, region: region ?? null };
    for (const alias of aliases) byKey.set(placeKey(alias), city);
  }
  return byKey;
}

const CITIES = parseCities();

/** The gazetteer entry for a city name or alias ("München" → Munich, DE); null if not listed. */
export function lookupCity(name: string): City | null {
  return CITIES.get(placeKey(name)) ?? null;
}

/** How many distinct cities the gazetteer knows (for tests and diagnostics). */
export function gazetteerSize(): number {
  return new Set(CITIES.values()).size;
}
