/**
 * ISBN registration groups (ISBN-13 prefix without hyphens → language area or country of the group's agency).
 * Facts from the International ISBN Agency's range list (RangeMessage.xml, Nov 2022), as flattened in
 * ../shared/data/catalog/isbn-ranges-2022 (read, not copied at runtime). 979-0 is ISMN (sheet music), not listed there.
 * Format: "prefix:agency" entries joined with "|".
 */
const RAW =
  '9780:English language|9781:English language|9782:French language|9783:German language|9784:Japan|' +
  '9785:former U.S.S.R|978600:Iran|978601:Kazakhstan|978602:Indonesia|978603:Saudi Arabia|978604:Vietnam|' +
  '978605:Turkey|978606:Romania|978607:Mexico|978608:North Macedonia|978609:Lithuania|978611:Thailand|' +
  '978612:Peru|978613:Mauritius|978614:Lebanon|978615:Hungary|978616:Thailand|978617:Ukraine|978618:Greece|' +
  '978619:Bulgaria|978620:Mauritius|978621:Philippines|978622:Iran|978623:Indonesia|978624:Sri Lanka|' +
  '978625:Turkey|978626:Taiwan|978627:Pakistan|978628:Colombia|978629:Malaysia|978630:Romania|97865:Brazil|' +
  "9787:China, People's Republic|97880:former Czechoslovakia|97881:India|97882:Norway|97883:Poland|97884:Spain|" +
  '97885:Brazil|97886:former Yugoslavia|97887:Denmark|97888:Italy|97889:Korea, Republic|97890:Netherlands|' +
  '97891:Sweden|97892:International NGO Publishers and EU Organizations|97893:India|97894:Netherlands|' +
  '978950:Argentina|978951:Finland|978952:Finland|978953:Croatia|978954:Bulgaria|978955:Sri Lanka|978956:Chile|' +
  '978957:Taiwan|978958:Colombia|978959:Cuba|978960:Greece|978961:Slovenia|978962:Hong Kong, China|' +
  '978963:Hungary|978964:Iran|978965:Israel|978966:Ukraine|978967:Malaysia|978968:Mexico|978969:Pakistan|' +
  '978970:Mexico|978971:Philippines|978972:Portugal|978973:Romania|978974:Thailand|978975:Turkey|' +
  '978976:Caribbean Community|978977:Egypt|978978:Nigeria|978979:Indonesia|978980:Venezuela|978981:Singapore|' +
  '978982:South Pacific|978983:Malaysia|978984:Bangladesh|978985:Belarus|978986:Taiwan|978987:Argentina|' +
  '978988:Hong Kong, China|978989:Portugal|9789911:Montenegro|9789912:Tanzania|9789913:Uganda|9789914:Kenya|' +
  '9789915:Uruguay|9789916:Estonia|9789917:Bolivia|9789918:Malta|9789919:Mongolia|9789920:Morocco|9789921:Kuwait|' +
  '9789922:Iraq|9789923:Jordan|9789924:Cambodia|9789925:Cyprus|9789926:Bosnia and Herzegovina|9789927:Qatar|' +
  "9789928:Albania|9789929:Guatemala|9789930:Costa Rica|9789931:Algeria|9789932:Lao People's Democratic Republic|" +
  '9789933:Syria|9789934:Latvia|9789935:Iceland|9789936:Afghanistan|9789937:Nepal|9789938:Tunisia|' +
  '9789939:Armenia|9789940:Montenegro|9789941:Georgia|9789942:Ecuador|9789943:Uzbekistan|9789944:Turkey|' +
  '9789945:Dominican Republic|9789946:Korea, P.D.R.|9789947:Algeria|9789948:United Arab Emirates|9789949:Estonia|' +
  '9789950:Palestine|9789951:Kosova|9789952:Azerbaijan|9789953:Lebanon|9789954:Morocco|9789955:Lithuania|' +
  '9789956:Cameroon|9789957:Jordan|9789958:Bosnia and Herzegovina|9789959:Libya|9789960:Saudi Arabia|' +
  '9789961:Algeria|9789962:Panama|9789963:Cyprus|9789964:Ghana|9789965:Kazakhstan|9789966:Kenya|' +
  '9789967:Kyrgyz Republic|9789968:Costa Rica|9789970:Uganda|9789971:Singapore|9789972:Peru|9789973:Tunisia|' +
  '9789974:Uruguay|9789975:Moldova|9789976:Tanzania|9789977:Costa Rica|9789978:Ecuador|9789979:Iceland|' +
  '9789980:Papua New Guinea|9789981:Morocco|9789982:Zambia|9789983:Gambia|9789984:Latvia|9789985:Estonia|' +
  '9789986:Lithuania|9789987:Tanzania|9789988:Ghana|9789989:North Macedonia|97899901:Bahrain|' +
  '97899902:Reserved Agency|97899903:Mauritius|97899904:Cura\u00e7ao|97899905:Bolivia|97899906:Kuwait|97899908:Malawi|' +
  '97899909:Malta|97899910:Sierra Leone|97899911:Lesotho|97899912:Botswana|97899913:Andorra|' +
  '97899914:International NGO Publishers|97899915:Maldives|97899916:Namibia|97899917:Brunei Darussalam|' +
  '97899918:Faroe Islands|97899919:Benin|97899920:Andorra|97899921:Qatar|97899922:Guatemala|97899923:El Salvador|' +
  '97899924:Nicaragua|97899925:Paraguay|97899926:Honduras|97899927:Albania|97899928:Georgia|97899929:Mongolia|' +
  '97899930:Armenia|97899931:Seychelles|97899932:Malta|97899933:Nepal|97899934:Dominican Republic|97899935:Haiti|' +
  '97899936:Bhutan|97899937:Macau|97899938:Srpska, Republic of|97899939:Guatemala|97899940:Georgia|' +
  '97899941:Armenia|97899942:Sudan|97899943:Albania|97899944:Ethiopia|97899945:Namibia|97899946:Nepal|' +
  '97899947:Tajikistan|97899948:Eritrea|97899949:Mauritius|97899950:Cambodia|97899951:Reserved Agency|' +
  '97899952:Mali|97899953:Paraguay|97899954:Bolivia|97899955:Srpska, Republic of|97899956:Albania|97899957:Malta|' +
  '97899958:Bahrain|97899959:Luxembourg|97899960:Malawi|97899961:El Salvador|97899962:Mongolia|97899963:Cambodia|' +
  '97899964:Nicaragua|97899965:Macau|97899966:Kuwait|97899967:Paraguay|97899968:Botswana|97899969:Oman|' +
  '97899970:Haiti|97899971:Myanmar|97899972:Faroe Islands|97899973:Mongolia|97899974:Bolivia|97899975:Tajikistan|' +
  '97899976:Srpska, Republic of|97899977:Rwanda|97899978:Mongolia|97899979:Honduras|97899980:Bhutan|' +
  '97899981:Macau|97899982:Benin|97899983:El Salvador|97899985:Tajikistan|97899986:Myanmar|97899987:Luxembourg|' +
  '97899988:Sudan|97899989:Paraguay|97899990:Ethiopia|97910:France|97911:Korea, Republic|97912:Italy|' +
  '9798:United States|';

let table: Map<string, string> | null = null;

function groups(): Map<string, string> {
  if (!table) {
    table = new Map();
    for (const entry of RAW.split('|')) {
      if (!entry) continue;
      const i = entry.indexOf(':');
      table.set(entry.slice(0, i), entry.slice(i + 1));
    }
  }
  return table;
}

export interface IsbnGroup {
  /** ISBN-13 prefix of the group, e.g. "9784". */
  prefix: string;
  /** Registration group digits, e.g. "4". */
  group: string;
  /** Language area or country, e.g. "Japan", "English language". */
  agency: string;
}

/** Registration group of a 13-digit ISBN (978/979), or null when the prefix is not a known group. */
export function isbnGroup(isbn13: string): IsbnGroup | null {
  const g = groups();
  // groups are 1–5 digits after the 3-digit EAN prefix; prefixes never nest, so the first hit is the group
  for (let len = 4; len <= 8 && len < isbn13.length; len++) {
    const agency = g.get(isbn13.slice(0, len));
    if (agency) return { prefix: isbn13.slice(0, len), group: isbn13.slice(3, len), agency };
  }
  return null;
}

export const ISBN_GROUP_COUNT = (): number => groups().size;
