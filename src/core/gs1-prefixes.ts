/**
 * GS1 company-prefix ranges (first 3 digits of a GTIN-13) → GS1 member organisation and its country.
 * Facts from GS1's public prefix list, as captured in 2013 by Product Open Data
 * (../shared/data/catalog/gs1-prefix-pod-2013; read to write this table, not used at runtime), updated where
 * the current list differs: 010–017 and 100–139 are GS1 US today. Special ranges are in `specialPrefix`.
 * Format of MEMBERS: "from-to:ISO 3166 code:member organisation" joined with "|".
 */
const MEMBERS =
  '0-19:US:GS1 US|30-39:US:GS1 US|60-139:US:GS1 US|300-377:FR:GS1 France|380-380:BG:GS1 Bulgaria|' +
  '383-383:SI:GS1 Slovenija|385-385:HR:GS1 Croatia|387-387:BA:GS1 BIH (Bosnia-Herzegovina)|' +
  '389-389:ME:GS1 Montenegro|400-440:DE:GS1 Germany|450-459:JP:GS1 Japan|460-469:RU:GS1 Russia|' +
  '470-470:KG:GS1 Kyrgyzstan|471-471:TW:GS1 Taiwan|474-474:EE:GS1 Estonia|475-475:LV:GS1 Latvia|' +
  '476-476:AZ:GS1 Azerbaijan|477-477:LT:GS1 Lithuania|478-478:UZ:GS1 Uzbekistan|479-479:LK:GS1 Sri Lanka|' +
  '480-480:PH:GS1 Philippines|481-481:BY:GS1 Belarus|482-482:UA:GS1 Ukraine|484-484:MD:GS1 Moldova|' +
  '485-485:AM:GS1 Armenia|486-486:GE:GS1 Georgia|487-487:KZ:GS1 Kazakstan|488-488:TJ:GS1 Tajikistan|' +
  '489-489:HK:GS1 Hong Kong|490-499:JP:GS1 Japan|500-509:GB:GS1 UK|520-521:GR:GS1 Association Greece|' +
  '528-528:LB:GS1 Lebanon|529-529:CY:GS1 Cyprus|530-530:AL:GS1 Albania|531-531:MK:GS1 MAC (FYR Macedonia)|' +
  '535-535:MT:GS1 Malta|539-539:IE:GS1 Ireland|540-549:BE:GS1 Belgium & Luxembourg|560-560:PT:GS1 Portugal|' +
  '569-569:IS:GS1 Iceland|570-579:DK:GS1 Denmark|590-590:PL:GS1 Poland|594-594:RO:GS1 Romania|' +
  '599-599:HU:GS1 Hungary|600-601:ZA:GS1 South Africa|603-603:GH:GS1 Ghana|604-604:SN:GS1 Senegal|' +
  '608-608:BH:GS1 Bahrain|609-609:MR:GS1 Mauritius|611-611:MA:GS1 Morocco|613-613:DZ:GS1 Algeria|' +
  '615-615:NG:GS1 Nigeria|616-616:KE:GS1 Kenya|618-618:CI:GS1 Ivory Coast|619-619:TN:GS1 Tunisia|' +
  '620-620:TZ:GS1 Tanzania|621-621:SY:GS1 Syria|622-622:EG:GS1 Egypt|623-623:BN:GS1 Brunei|624-624:LY:GS1 Libya|' +
  '625-625:JO:GS1 Jordan|626-626:IR:GS1 Iran|627-627:KW:GS1 Kuwait|628-628:SA:GS1 Saudi Arabia|' +
  '629-629:AE:GS1 Emirates|640-649:FI:GS1 Finland|690-695:CN:GS1 China|700-709:NO:GS1 Norway|' +
  '729-729:IL:GS1 Israel|730-739:SE:GS1 Sweden|740-740:GT:GS1 Guatemala|741-741:SV:GS1 El Salvador|' +
  '742-742:HN:GS1 Honduras|743-743:NI:GS1 Nicaragua|744-744:CR:GS1 Costa Rica|745-745:PA:GS1 Panama|' +
  '746-746:DO:GS1 Republica Dominicana|750-750:MX:GS1 Mexico|754-755:CA:GS1 Canada|759-759:VE:GS1 Venezuela|' +
  '760-769:CH:GS1 Schweiz, Suisse, Svizzera|770-771:CO:GS1 Colombia|773-773:UY:GS1 Uruguay|775-775:PE:GS1 Peru|' +
  '777-777:BO:GS1 Bolivia|778-779:AR:GS1 Argentina|780-780:CL:GS1 Chile|784-784:PY:GS1 Paraguay|' +
  '786-786:EC:GS1 Ecuador|789-790:BR:GS1 Brasil|800-839:IT:GS1 Italy|840-849:ES:GS1 Spain|850-850:CU:GS1 Cuba|' +
  '858-858:SK:GS1 Slovakia|859-859:CZ:GS1 Czech|860-860:RS:GS1 Serbia|865-865:MN:GS1 Mongolia|' +
  '867-867:KP:GS1 North Korea|868-869:TR:GS1 Turkey|870-879:NL:GS1 Netherlands|880-880:KR:GS1 South Korea|' +
  '884-884:KH:GS1 Cambodia|885-885:TH:GS1 Thailand|888-888:SG:GS1 Singapore|890-890:IN:GS1 India|' +
  '893-893:VN:GS1 Vietnam|896-896:PK:GS1 Pakistan|899-899:ID:GS1 Indonesia|900-919:AT:GS1 Austria|' +
  '930-939:AU:GS1 Australia|940-949:NZ:GS1 New Zealand|955-955:MY:GS1 Malaysia|958-958:MO:GS1 Macau|';

export type PrefixKind = 'book' | 'periodical' | 'sheet-music' | 'store-internal' | 'coupon' | 'product';

export interface PrefixInfo {
  kind: PrefixKind;
  /** ISO 3166-1 alpha-2 code of the member organisation's country, when the range belongs to one. */
  country?: string;
  /** Who issues numbers in this range, e.g. "GS1 Germany", "Bookland (ISBN)". */
  issuer: string;
  /** Set for ranges a seller should be warned about (restricted circulation, coupons, unassigned). */
  warning?: string;
}

interface Range {
  from: number;
  to: number;
  country: string;
  issuer: string;
}
let ranges: Range[] | null = null;

function members(): Range[] {
  if (!ranges) {
    ranges = MEMBERS.split('|')
      .filter(Boolean)
      .map((e) => {
        const [span, country, issuer] = e.split(':');
        const [from, to] = span.split('-').map(Number);
        return { from, to, country, issuer };
      });
  }
  return ranges;
}

const STORE = 'This is a store-internal (restricted circulation) code: it only means something inside the shop or company that printed it.';

/** Ranges GS1 reserves for special uses (checked before the member table). */
function specialPrefix(gtin13: string): PrefixInfo | null {
  const p3 = Number(gtin13.slice(0, 3));
  if (gtin13.startsWith('9790')) return { kind: 'sheet-music', issuer: 'ISMN (printed music)' };
  if (p3 === 978 || p3 === 979) return { kind: 'book', issuer: 'Bookland (ISBN)' };
  if (p3 === 977) return { kind: 'periodical', issuer: 'ISSN (serial publications)' };
  if ((p3 >= 20 && p3 <= 29) || (p3 >= 40 && p3 <= 49))
    return { kind: 'store-internal', issuer: 'Restricted distribution (GS1 member defined)', warning: STORE };
  if (p3 >= 200 && p3 <= 299) return { kind: 'store-internal', issuer: 'Restricted circulation (in-store / company internal)', warning: STORE };
  if (p3 >= 50 && p3 <= 59) return { kind: 'coupon', issuer: 'Coupons (GS1 US)', warning: 'This is a coupon code, not a product.' };
  if (p3 === 980) return { kind: 'coupon', issuer: 'Refund receipts', warning: 'This is a refund receipt, not a product.' };
  if (p3 >= 981 && p3 <= 984) return { kind: 'coupon', issuer: 'Coupons (common currency areas)', warning: 'This is a coupon code, not a product.' };
  if (p3 >= 990) return { kind: 'coupon', issuer: 'Coupons', warning: 'This is a coupon code, not a product.' };
  if (p3 === 950) return { kind: 'product', issuer: 'GS1 Global Office' };
  if (p3 === 951) return { kind: 'product', issuer: 'GS1 Global Office (EPC)' };
  if (p3 >= 960 && p3 <= 969) return { kind: 'product', issuer: 'GS1 Global Office (GTIN-8)' };
  return null;
}

/** What the first digits of a (valid) GTIN-13 say about it. */
export function gs1Prefix(gtin13: string): PrefixInfo {
  const special = specialPrefix(gtin13);
  if (special) return special;
  const p3 = Number(gtin13.slice(0, 3));
  for (const r of members()) {
    if (p3 >= r.from && p3 <= r.to) return { kind: 'product', country: r.country, issuer: r.issuer };
  }
  return {
    kind: 'product',
    issuer: 'Unassigned GS1 prefix',
    warning: `The prefix ${gtin13.slice(0, 3)} was not assigned to a GS1 member organisation in our table; the code may be fake or very new.`,
  };
}

/**
 * EAN-8 codes are read on their own first 3 digits (not the zero-padded GTIN-13): 0xx ("velocity codes")
 * and 2xx are restricted circulation; the rest follow the member table.
 */
export function gs1PrefixEan8(ean8: string): PrefixInfo {
  const d = ean8[0];
  if (d === '0' || d === '2') return { kind: 'store-internal', issuer: 'Restricted circulation (EAN-8 velocity / in-store code)', warning: STORE };
  if (ean8.startsWith('977') || ean8.startsWith('978') || ean8.startsWith('979')) {
    return { kind: 'product', issuer: 'Invalid EAN-8 prefix', warning: '977–979 are not used for EAN-8.' };
  }
  return gs1Prefix(`${ean8.slice(0, 3)}0000000000`);
}
