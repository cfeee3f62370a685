import { alternativesOf, leadingCharacters, prefixTree } from './alternation.js';

/** A word list, or an alternation's source, as a prefix tree (see alternation.ts): the patterns below are tried at every word. */
const tree = (words: string | readonly string[]): string => prefixTree(typeof words === 'string' ? alternativesOf(words) : words);

/**
 * Words after which a number is a reference, not a personal value ("order 4155552671", "tracking number 7946…",
 * "Part no. 482-19-7733", "NDC 0777-3105-02", "номер заказа 123-456-789", "sipariş no 0532…"), in the languages the
 * corpus and the field reports carry. Stems end in `\p{L}*` where a language inflects the noun. A value "on file" (`the phone on
 * file is …`) is one kept on record, not a file number; a reference kept on record is still one (`account on file 0412 557 930`).
 */
/** A phone word and the account it is on (`phone on the account (415) 726-3398`): the phone of that account, not its number. */
const PHONE_ON_IT = String.raw`(?<![\p{L}])(?:phone|mobile|cell|number|contact|tel)\s+(?:on|for|of|linked to|tied to)\s+(?:the|my|your|his|her|their|our|this|that)\s`;
/**
 * A customer service's desk (`kundtjänst`, `Kundenservice`, `Kundendienst`, `kundesenter`) is reached by phone: `kund…` is a
 * customer's number only in other compounds (`Kundennummer`, `kundnr`).
 */
const NOT_SERVICE = String.raw`(?!(?:en|e)?(?:tjänst|tjeneste|service|support|dienst|center|centre|senter|hotline|telefon))`;
const REFERENCE_WORDS = tree([
  'order\\p{L}*', 'invoice', 'ticket', 'ref', 'reference', 'tracking', `(?<!${PHONE_ON_IT})account`, 'id', 'serial', 'sn', 'ein', 'tax', 'case', '(?<!on )file',
  'oid', 'isbn(?:-?1[03])?', 'issn', 'part', 'item', 'sku', 'model', 'policy', 'claim', 'batch', 'lot', 'pin', 'passcode', 'code',
  'ndc', 'upc', 'ean', 'gtin', 'asin', 'imei', 'imeisv', 'meid', 'iccid', 'esn', 'vin', 'mrn', 'rma', 'po', 'awb', 'pnr', 'booking', 'reservation',
  'confirmation', 'shipment', 'waybill', 'consignment', 'parcel', 'package', 'transaction', 'txn', 'receipt', 'voucher', 'coupon', 'licen[cs]e',
  'permit', 'docket', 'incident', 'catalog(?:ue)?', 'product', 'article', 'member(?:ship)?', 'container', 'seal', 'bol', 'hs',
  'bestell\\p{L}*', 'rechnung\\p{L}*', 'konto', `kund${NOT_SERVICE}\\p{L}*`, 'serien\\p{L}*', 'aktenzeichen', 'auftrag\\p{L}*', 'artikel\\p{L}*', 'sendung\\p{L}*',
  'paket\\p{L}*', 'vertrag\\p{L}*', 'commande', 'facture', 'compte', 'dossier', 'suivi', 'colis', 'pièce', 'pedido', 'factura', 'cuenta', 'expediente',
  'envío', 'envio', 'pieza', 'lote', 'albarán', 'seguimiento', 'rastreo', 'localizador', 'reserva', 'tracciamento', 'prenotazione', 'réservation',
  'buchung\\p{L}*', 'vorgang\\p{L}*', 'boeking\\p{L}*', 'zending\\p{L}*', 'tracking\\p{L}*', `kund${NOT_SERVICE}\\p{L}*`,
  // pt, it, nl, pl, cs, tr, id/ms, Nordic, ru/uk, el, ar, vi, he
  'nota fiscal', 'fatura', 'rastreio', 'rastreamento', 'protocolo', 'boleto', 'encomenda', 'cpf', 'ordine', 'fattura', 'spedizione', 'pratica',
  'codice', 'bestel\\p{L}*', 'factuur', 'zending', 'klantnummer', 'zam[oó]wieni\\p{L}*', 'faktur\\p{L}*', 'przesy[łl]k\\p{L}*', 'nip', 'regon', 'pesel',
  'objednávk\\p{L}*', 'zásilk\\p{L}*', 'ičo', 'dič', 'sipariş\\p{L}*', 'kargo', 'takip', 'vergi', 'müşteri', 'pesanan', 'resi', 'npwp', 'nik',
  'tagihan', '(?<!(?:layanan|pusat|servis|hubungi|khidmat|telefon|telepon|ponsel|hp|handphone|whatsapp|wa) )pelanggan', 'tilaus\\p{L}*', 'lasku\\p{L}*', `kund${NOT_SERVICE}\\p{L}*`, 'organisationsnummer', 'organisasjonsnummer', 'personnummer', 'cpr', 'cvr', 'se-nr',
  'заказ\\p{L}*', 'сч[её]т\\p{L}*', 'накладн\\p{L}*', 'трек\\p{L}*', 'отслеживани\\p{L}*', 'артикул\\p{L}*', 'посылк\\p{L}*', 'отправлени\\p{L}*',
  'договор\\p{L}*', 'инн', 'огрн\\p{L}*', 'кпп', 'бик', 'снилс', 'паспорт\\p{L}*', 'полис\\p{L}*', 'квитанци\\p{L}*', 'замовленн\\p{L}*', 'рахун\\p{L}*',
  'παραγγελί\\p{L}*', 'τιμολογί\\p{L}*', 'τιμολόγι\\p{L}*', 'αφμ', 'الطلب', 'طلب', 'الفاتورة', 'فاتورة', 'الشحنة', 'شحنة', 'التتبع',
  'ordre\\p{L}*', 'rendelés\\p{L}*', 'számla\\p{L}*', 'adószám\\p{L}*', 'cégjegyzékszám', 'поръчк\\p{L}*', 'фактур\\p{L}*', 'еик', 'булстат',
  'narudžb\\p{L}*', 'comand\\p{L}*', 'đơn hàng', 'hóa đơn', 'vận đơn', 'הזמנה', 'חשבונית',
  // Payment and company registers written like phone numbers: Swedish bankgiro/plusgiro accounts (`5050-1055`) and organisation
  // numbers (`Org.nr 559214-3307`), Vietnamese tax codes with a branch suffix (`Mã số thuế: 0314352132-001`, `MST`).
  'bankgiro', 'plusgiro', 'org\\.\\s?nr\\.?', 'orgnr', 'mã số thuế(?:\\s\\p{L}+){0,2}', 'mst',
  // National identity, social insurance and tax numbers of other countries, which are not US SSNs and look like phone numbers
  // (`PIS 120.56378.83-1`, `Rodné číslo 905412/3318`, `RUT 12.345.678-5`): pt-BR, es, cs/sk, nl, de-CH, it, de.
  'pis', 'pasep', 'nis', 'nit', 'rg', 'cnh', 'ctps', 'título de eleitor', 'rut', 'cuit', 'cuil', 'dni', 'nss', 'curp', 'c[ée]dula',
  'rodn\\p{L}* čísl\\p{L}*', 'r\\.?\\s?č\\.?', 'bsn', 'burgerservicenummer', 'sofinummer', 'ahv', 'avs', 'codice fiscale', 'versicherungsnummer',
  'versicherten\\p{L}*', 'krankenversicherten\\p{L}*', 'folio', 'clabe', 'referencia', 'referência', 'riferimento', 'referentie', 'póliza', 'poliza', 'apólice', 'polizza', 'polis',
  'protocollo',
  // Social insurance, national insurance and identity numbers of more countries (Canada's SIN/NAS, UK NINO, Ireland PPSN, India
  // Aadhaar/PAN, Singapore NRIC, Hong Kong HKID, Malaysia MyKad, Indonesia KTP, Bulgaria EGN, Croatia OIB, ex-Yugoslav JMBG,
  // Greece AMKA, Turkey TCKN, Gulf iqama, Pakistan CNIC, Philippines SSS/UMID, Spain NIE, Belgium NISS, France INSEE, Nordic and
  // Baltic personal codes, Romania CNP, Nigeria NIN/BVN, Ghana SSNIT, Kenya KRA PIN).
  'sin', 'nas', 'social insurance', 'assurance sociale', 'assurance maladie', 'national insurance', 'nino', 'ni number', 'ppsn?', 'nhs', 'medicare',
  'ird', 'aadhaa?r', 'pan', 'nric', 'hkid', 'mykad', 'ktp', 'egn', 'егн', 'oib', 'jmbg', 'emšo', 'amka', 'αμκα', 'tckn', 't\\.?c\\.? kimlik', 'kimlik',
  'iqama', 'إقامة', 'الإقامة', 'الهوية', 'هوية', 'cnic', 'nid', 'sss', 'umid', 'philhealth', 'pag-?ibig', 'nie', 'niss', 'insee',
  'steuer-?id', 'idnr', 'isikukood', 'henkilötunnu\\p{L}*', 'hetu', 'kennitala', 'asmens kodas', 'personas kods', 'cnp', 'nin', 'bvn',
  'ssnit', 'kra pin',
  // Dun & Bradstreet's company number, printed 2-3-4 like a phone number (`D-U-N-S number 15-048-3782`).
  'duns', 'd-u-n-s',
  // Bank routing and sort codes, and postcodes (`routing number 021000021`, a ZIP+4 written without its hyphen).
  'routing', 'rtn', 'sort code', 'bsb', 'zip(?:\\s?code)?', 'postcode', 'postal code',
  // Parcels and shipments in more languages, and the carriers whose names stand for their tracking numbers.
  'pakke\\p{L}*', 'kolli\\p{L}*', 'forsendelse\\p{L}*', 'försändelse\\p{L}*', 'sändning\\p{L}*', 'pacco', 'plico', 'collo', 'pakket\\p{L}*',
  'pakje', 'paczk\\p{L}*', 'balík\\p{L}*', 'csomag\\p{L}*', 'küldemény\\p{L}*', 'gönderi\\p{L}*', 'пратк\\p{L}*', 'pošiljk\\p{L}*',
  'colet\\p{L}*', 'lähety\\p{L}*', 'paketti\\p{L}*', 'saadetis\\p{L}*', 'sūtījum\\p{L}*', 'siunt\\p{L}*', 'δέμα\\p{L}*', 'αποστολ\\p{L}*',
  'طرد', 'الطرد', 'بسته', 'محموله', 'مرسوله', 'سفارش', 'فاکتور', 'پیگیری', 'رهگیری', 'משלוח', 'חבילה', 'kiện hàng', 'bưu kiện', 'bungkusan', 'parsel', 'paquete', 'encomienda', 'guía',
  'gls', 'dhl', 'ups', 'fedex', 'dpd', 'tnt', 'usps', 'postnord', 'inpost', 'hermes', 'evri', 'colissimo', 'chronopost', 'correos',
  'correios', 'seur', 'mrw', 'nacex', 'brt', 'aramex', 'estafeta', 'servientrega', 'delhivery', 'dtdc', 'blue ?dart', 'sf express',
  'ninja ?van', 'yamato', 'sagawa', 'omniva', 'packeta', 'zásilkovna', 'econt', 'sameday', 'bpost', 'postnl', 'royal mail', 'yodel',
  // Reference numbers of Indian services and registries, named by their initials (an Aadhaar update's `URN`, a service
  // request's `SRN`, an application's `ARN`, a customer's `CRN`, a temporary or tax registration's `TRN`).
  'urn', 'srn', 'arn', 'crn', 'trn',
  // A case of a court or an office in the South Slavic languages (`предмет бр. 08-4471/2024`, `predmet br. 12-331/2023`).
  'предмет\\p{L}*', 'predmet\\p{L}*',
  // Nordic case, member, order, tracking and claim numbers (saksnummer, ärendenummer, medlemsnummer, bestillingsnummer…).
  'saks\\p{L}*', 'sags\\p{L}*', 'ärende\\p{L}*', 'referanse', 'referens', 'medlems\\p{L}*', 'bestilling\\p{L}*', 'beställning\\p{L}*',
  'sporing\\p{L}*', 'skade\\p{L}*', 'avtale\\p{L}*',
  // Giro payment references printed on Nordic bills (Norwegian KID, Swedish OCR, Finnish viitenumero, Danish FIK), which a
  // 00 at their head makes look international (`KID 0012345678901`); not a child (`my kid 0412 345 678`).
  '(?<!(?:my|our|your|his|her|their|the|a) )kid(?:-?(?:nr|nummer))?', 'ocr(?:-?(?:nr|nummer))?', 'viite\\p{L}*', 'fik', 'betalingsreference',
  // A hospital encounter or visit (`encounter 2024-06-0093`, `Fallnummer`).
  'encounter', 'fallnummer', 'fall-nr\\.?',
  // Utility meters, whose numbers a bill prints in groups like a phone's (`Medidor 81 2045 3391`, `Zählernummer 0271 8834 5520`,
  // `compteur d'eau 04 91 22 38 17`); a word that also names a person (Spanish and Portuguese `contador`, an accountant) is not one.
  'meter', 'medidor', 'hidr[óô]metro', 'zähler\\p{L}*', "compteur(?: (?:d[’']eau|d[’']électricité|de gaz|électrique|linky))?", 'contatore',
  'licznik\\p{L}*', 'сч[её]тчик\\p{L}*', 'лічильник\\p{L}*', 'sayaç\\p{L}*', 'mätare\\p{L}*', 'måler(?:en|nummer)?', 'mittari\\p{L}*', 'μετρητ\\p{L}*',
  // Round 25: a booking's or a reservation's number in more languages (`номер брони 4471-2290`, `شماره رزرو ۴۴۷۱-۲۰۲۵`,
  // `rezervasyon no`, `numer rezerwacji`, `κωδικός κράτησης`, `varausnumero`): ru/uk, fa, ar, tr, pl, cs/sk/hr/sl, hu, el, fi, sv, id, vi, hi, bn.
  'брон(?:ь|и|ью|ей|я)', 'бронировани\\p{L}*', 'бронювання', 'رزرو', 'حجز', 'الحجز', 'rezervasyon\\p{L}*', 'rezerwacj\\p{L}*', 'rezervac\\p{L}*',
  'rezerváci\\p{L}*', 'foglalás\\p{L}*', 'κράτησ\\p{L}*', 'varaus\\p{L}*', 'bokning\\p{L}*', 'reservasi', 'pemesanan', 'đặt chỗ', 'đặt phòng', 'बुकिंग', 'বুকিং',
  // Mongolian, Kazakh and Uzbek order and invoice words.
  'захиалг\\p{L}*', 'нэхэмжл\\p{L}*', 'тапсырыс\\p{L}*', 'шот\\p{L}*', 'buyurtma\\p{L}*', 'hisob-faktura',
  // Hindi, Bengali and Urdu order, complaint, ticket, account, bill and tracking words (a helpline text names them beside a phone).
  'ऑर्डर', 'आर्डर', 'शिकायत', 'टिकट', 'खाता', 'बिल', 'इनवॉइस', 'ट्रैकिंग', 'आईडी', 'অর্ডার', 'অভিযোগ', 'টিকিট', 'আইডি', 'آرڈر', 'شکایت',
  // Telugu, Tamil, Kannada, Malayalam, Gujarati and Marathi order, invoice, bill and receipt words.
  'ఆర్డర్', 'ఇన్వాయిస్', 'బిల్లు', 'రసీదు', 'ஆர்டர்', 'விலைப்பட்டியல்', 'ரசீது', 'ಆರ್ಡರ್', 'ಇನ್‌ವಾಯ್ಸ್', 'ರಸೀದಿ', 'ഓർഡർ', 'ഇൻവോയ്സ്', 'രസീത്', 'ઓર્ડર', 'ઇન્વૉઇસ', 'રસીદ', 'पावती',
]);
/**
 * Applications, requests and registrations: a reference only with a number noun after them (`Başvuru no 2025-318804`,
 * `Antragsnummer`, `número de solicitud`), since "request a callback: 0612…" is a phone.
 */
const APPLICATION_WORDS = tree([
  'application', 'request', 'antrag\\p{L}*', 'solicitud', 'demande', 'domanda', 'aanvraag', 'wniosk\\p{L}*', 'wniosek', 'zahtjev\\p{L}*',
  'заявк\\p{L}*', 'заявлени\\p{L}*', 'обращени\\p{L}*', 'başvuru', 'talep', 'müracaat', 'dosya', 'kayıt', 'hakemu\\p{L}*', 'ansökan', 'søknad',
  'ansøgning', 'requerimento', 'permohonan', 'pengajuan', 'अनुरोध', 'অনুরোধ',
]);
const REFERENCE_NOUNS = tree(String.raw`number|бр\.|br\.|नंबर|संख्या|নম্বর|نمبر|నంబర్|సంఖ్య|எண்|ನಂಬರ್|ಸಂಖ್ಯೆ|നമ്പർ|നം\.?|નંબર|ક્રમાંક|क्रमांक|no\.?|nr\.?|num\.?|nummer|numéro|número|numero|numer|numara\p{L}*|sz[aá]m[aá]?|nomor|номер|n[°º]\.?|№|id|code|kodu|c[óo]digo|codice|дугаар\p{L}*|нөмір\p{L}*|raqam\p{L}*`);
/**
 * Tax and company identifiers, which look like national phone numbers: "VAT number: GB 123 4567 89", "USt-IdNr.: DE 123 456 789",
 * "N° SIRET : 732 829 320 00074", "Numéro de TVA intracommunautaire : FR 40 303 265 045", "CIF: B 1234 5678", "ABN 51 824 753 556".
 * A qualifier word or two and a two-letter country prefix may stand between the cue and the digits.
 */
const TAX_WORDS = tree(String.raw`vat|tva|iva|btw|mwst|ust|ust-?id(?:nr)?|umsatzsteuer[\p{L}-]*|steuer[\p{L}-]*|siret|siren|rcs|cif|nif|nipc|ein|abn|acn|gst(?:in)?|hst|qst|tin|utr|kvk|cnpj|ruc|rfc|registration|handelsregister|hrb|hra|partita iva|p\.\s?iva`);
const TAX_QUALIFIERS = tree(String.raw`${REFERENCE_NOUNS}|intra-?communautaire|intracomunitari[ao]|intracommunity|reg\.?|registration|ident\w*|company|empresa|société|societe|entreprise|firma|unternehmen|business|de|la|du|des|del|the|of|der|von|vom|our|your|unserer?|ihrer?|notre|votre|nuestra|su`);
/** Order, invoice, tracking, member and tax numbers in Japanese, Chinese, Korean and Thai, which have no spaces to mark a word: 注文番号は, 订单号, 주문번호, เลขที่ใบเสร็จ (a receipt's number): */
/**
 * Any other noun before a Japanese 番号, a Chinese 编号/編號 or a Korean 번호 names a reference (保険証記号番号, 部屋番号, 资产编号,
 * 회원 번호), unless it is a phone word: 電話/携帯/連絡先/代表/内線/直通/自宅/固定, 电话/手机/联系/座机, 전화/휴대폰/연락처/대표/내선/직통.
 * A pronoun or particle before it (私の番号, 我的编号, 제 번호) is not a noun of that kind.
 */
/**
 * People a Korean number may be of (엄마 번호, 할머니댁 번호, 친구 번호), any person named with the honorific 님 (팀장님 번호,
 * 고객님 번호) and colleagues by job title (과장 번호, 담당자 번호): their number is a phone, not a reference.
 */
const KOREAN_KIN =
  '엄마|아빠|어머니|아버지|부모님|할머니|할아버지|댁|언니|오빠|누나|형|동생|남편|아내|와이프|친구|남친|여친|님|이모|삼촌|고모|집|' +
  '팀장|부장|과장|차장|실장|대리|주임|본부장|담당자|매니저';
/**
 * Round 28: Korean nouns of a number to call back or to reach someone at (회신 번호, a reply number; 콜백, 폰, 연락, 통화, 문의, 상담,
 * 고객센터, 긴급/비상 연락, 자택, 직장, 본인; a caller's 발신, a safe or virtual 안심/가상 번호, a landline 유선): a phone, not a reference; so are the Japanese 返信先番号 and 折返番号 (a callback's).
 */
const KOREAN_CALLBACK = '회신|콜백|폰|연락|통화|문의|상담|센터|긴급|비상|자택|직장|본인|개인|발신|수신|착신|안심|가상|유선|무선';
const CJK_ANY_REFERENCE = String.raw`[\p{Script=Han}\p{Script=Katakana}ー]{2,8}(?<![電电]話|携帯|連絡先?|代表|内線|直通|自宅|固定|ファ[ック]?クス|ＦＡＸ|返信先?|折返|コールバック)番号|[\p{Script=Han}]{2,8}(?<![电電]话|[电電]話|手[机機]|[联聯][系繫络絡]|座[机機]|的|热线|熱線)(?:编号|編號)|[\p{Script=Hangul}]{2,8}\s?(?<!(?:전화|휴대폰|핸드폰|휴대전화|연락처|팩스|내선|직통|대표|우리|회사|사무실|${KOREAN_KIN}|${KOREAN_CALLBACK})\s?)번호`;
const CJK_REFERENCE = String.raw`(?:(?:包裹|荷物|택배|宅配|受注|発注|請求書?|伝票|追跡|お?問い?合わ?せ|会員|顧客|お客様|予約|登録|法人|管理|商品|品|订单|訂單|发票|發票|运单|運單|快递|快遞|物流|客户|客戶|会员|會員|税|稅|纳税人识别|주문|송장|운송장|고객|회원|예약|사업자(?:등록)?|등록)(?:番号|番號|号码|號碼|编号|編號|号|號|번호|코드|コード|id|no\.?)|คำสั่งซื้อ|ใบแจ้งหนี้|พัสดุ|เลขที่|ใบเสร็จ(?:รับเงิน)?|ใบกำกับ(?:ภาษี)?|ออเดอร์|การจอง|เลขพัสดุ)(?:は|が|：|は、|为|為|是|는|은|이|가)?`;
/**
 * Customer and subscriber numbers, which some companies print 3-2-4 like an SSN: "Número de cliente 481 22 7930",
 * "numéro d'abonné", "client no.", "номер клиента". Only with a number noun: "Atención al cliente: 900 123 456" is a phone.
 */
const CLIENT_WORDS = tree(String.raw`customer|client\p{L}*|klant\p{L}*|asiakas\p{L}*|abonn\p{L}*|abonad\p{L}*|assinante|socio|abonent\p{L}*|клиент\p{L}*|абонент\p{L}*|khách hàng|العميل|عميل|לקוח`);
const CLIENT_NUMBER = String.raw`(?:(?:${REFERENCE_NOUNS})\s*(?:de|du|del|di|do|da|des|dello|della|van|d')?\s*(?:${CLIENT_WORDS})|(?:${CLIENT_WORDS})[\s-]*(?:${REFERENCE_NOUNS}))`;
/** A relative's "no." / "nr." (`farmors nr.`, `Mom's no.`, `Omas Nr.`) is their phone number, not a reference. */
const KIN = String.raw`mor|far|mormor|farmor|morfar|farfar|mamma|pappa|mama|papa|mum|mom|dad|bror|søster|syster|oma|opa|grandma|grandpa|nan|nana|granny|moeder|vader|oma|tante|oom|onkel`;
/**
 * Whose `#` is a person's own phone number in chat English (`my new # is (773) …`, `her cell # 312-…`), not an order's or a
 * ticket's (`order # 3125550188`, `ticket #4155552671`): an owner or a phone word right before the sign.
 */
const NUMBER_OWNER = String.raw`my|new|your|his|her|their|cell|phone|mobile|home`;
/** The reference words of REFERENCE_PATTERN, which no letter or digit may precede. */
const WORD_REFERENCE = String.raw`(?:${CLIENT_NUMBER}|(?:${REFERENCE_WORDS})(?:[\s-]*(?:${REFERENCE_NOUNS}))?(?:\s+on\s+(?:file|record))?|(?:${APPLICATION_WORDS})[\s-]*(?:${REFERENCE_NOUNS})|(?:${TAX_WORDS})(?:[\s.:-]+(?:${TAX_QUALIFIERS}))*(?:[\s:#.-]+[a-z]{1,2})?)`;
/** The signs and nouns of REFERENCE_PATTERN that may stand anywhere: `no.`, `nr.`, `n°`, `№`, `#`, the CJK and Thai nouns. */
const SIGN_REFERENCE = String.raw`(?<!(?<![\p{L}])(?:${KIN})(?:s|'s)?\s)(?:no\.|nr\.)|n[°º]|№|(?<!(?<![\p{L}])(?:${NUMBER_OWNER})\s)#|${CJK_REFERENCE}`;
/** What may follow a reference to the end of the context: a copula, then spaces and punctuation. */
const REFERENCE_END = String.raw`(?:\s+(?:is|was|are|ist|lautet|es|est|era|é|è|är|er|jest|je|adalah|là))?[\s:：#.-]*$`;
const REFERENCE_PATTERN = new RegExp(String.raw`(?:(?<![\p{L}\p{N}])${WORD_REFERENCE}|${SIGN_REFERENCE})${REFERENCE_END}`, 'u');
const CJK_NUMBER_NOUN = /番号|[编編][号號]|번호/;
const CJK_ANY_REFERENCE_CUE = new RegExp(String.raw`(?:${CJK_ANY_REFERENCE})(?:は|が|：|は、|为|為|是|는|은|이|가)?[\s:：#.-]*$`, 'u');

/** REFERENCE_PATTERN tried at one position (`lastIndex`) only. */
const REFERENCE_AT = new RegExp(REFERENCE_PATTERN.source, 'uy');
/**
 * Round 26: REFERENCE_PATTERN at a position the character before which is known (a UTF-16 unit outside the surrogates): after
 * no letter or digit the word group's lookbehind holds and is not run; after one, the word group cannot match and is not tried.
 */
const REFERENCE_AFTER_BOUNDARY = new RegExp(String.raw`(?:${WORD_REFERENCE}|${SIGN_REFERENCE})${REFERENCE_END}`, 'uy');
const REFERENCE_INSIDE_WORD = new RegExp(String.raw`(?:${SIGN_REFERENCE})${REFERENCE_END}`, 'uy');

/** The pattern to try at `at`: REFERENCE_AT where the character before is a surrogate, else the variant its kind allows. */
function referenceAt(context: string, at: number): RegExp {
  if (at === 0) return REFERENCE_AFTER_BOUNDARY;
  const code = context.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdfff) return REFERENCE_AT;
  return isLetterOrDigit(code) ? REFERENCE_INSIDE_WORD : REFERENCE_AFTER_BOUNDARY;
}

/**
 * Round 24: the characters a match of REFERENCE_PATTERN can start with (1 at their code): in Cyrillic, Greek, Arabic or CJK text
 * every character stood for a try of the whole pattern; only the first letters of its words, `#`, `№` and the CJK and Thai nouns can.
 */
const REFERENCE_FIRSTS = new Uint8Array(0x10000);
const referenceFirsts = leadingCharacters(REFERENCE_PATTERN.source);
if (referenceFirsts === undefined) throw new Error('reference.ts: the first characters of REFERENCE_PATTERN cannot be read from its source');
for (const char of referenceFirsts) REFERENCE_FIRSTS[char.charCodeAt(0)] = 1;

/**
 * Round 25: the characters that start an alternative with no word boundary before it (`no.`, `nr.`, `n°`, `№`, `#`, the CJK and
 * Thai nouns). Any other first character starts a word of the main group, which no letter or digit may precede: in Cyrillic,
 * Greek, Arabic or Devanagari text the letters inside a word were each a try of the whole pattern.
 */
const ANYWHERE_FIRSTS = new Uint8Array(0x10000);
const anywhereFirsts = leadingCharacters(CJK_REFERENCE);
if (anywhereFirsts === undefined) throw new Error('reference.ts: the first characters of CJK_REFERENCE cannot be read from its source');
for (const char of [...anywhereFirsts, 'n', 'N', '#', '№']) ANYWHERE_FIRSTS[char.charCodeAt(0)] = 1;

/** Whether a character (one code unit) is a letter or a digit, as the pattern's `[\p{L}\p{N}]` reads it: asked once per character. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER_OR_DIGIT_KNOWN = new Uint8Array(0x10000);

function isLetterOrDigit(code: number): boolean {
  let known = LETTER_OR_DIGIT_KNOWN[code];
  if (known === 0) LETTER_OR_DIGIT_KNOWN[code] = known = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Where a match of REFERENCE_PATTERN may start: a word of the main group starts with a letter no letter or digit precedes; `no.`,
 * `nr.` and `n°` start with `n` anywhere; `#`, `№` and the CJK and Thai nouns stand anywhere. A superset of those positions (any
 * `n`, `#`, `№` or first character of a CJK or Thai noun, another character after no letter or digit, an ASCII letter after no
 * ASCII letter or digit), so no match is missed.
 */
function mayStartReference(context: string, at: number): boolean {
  const code = context.charCodeAt(at);
  if (REFERENCE_FIRSTS[code] === 0) return false;
  if (ANYWHERE_FIRSTS[code] === 1) return true;
  // A surrogate before the character is read as no letter: the pattern is tried there, as before.
  if (code >= 0x80) return at === 0 || !isLetterOrDigit(context.charCodeAt(at - 1));
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return letter && (at === 0 || !isAsciiLetterOrDigit(context.charCodeAt(at - 1)));
}

/**
 * Round 25: characters no match of REFERENCE_PATTERN consumes (its words are letters, and spaces, `.`, `-`, `:`, `#`, `'` join
 * them): a match ends at the end of the context, so it starts after the last of these. Checked against the pattern's source.
 */
const NEVER_MATCHED = ',;"=/@%&~`()[]{}|?!<>*+$^\\，。；（）“”«»،؛';
const NEVER_MATCHED_TABLE = new Uint8Array(0x10000);
const sourceLiterals = REFERENCE_PATTERN.source.replace(/\{\d+,\d*\}/g, '');
for (const char of NEVER_MATCHED) {
  const syntax = '()[]{}|?!<>*+$^\\'.includes(char);
  if (syntax ? sourceLiterals.includes(`\\${char}`) : sourceLiterals.includes(char)) throw new Error(`reference.ts: REFERENCE_PATTERN matches ${char}`);
  NEVER_MATCHED_TABLE[char.charCodeAt(0)] = 1;
}

/**
 * REFERENCE_PATTERN tested at the positions where a match may start (a few per context) rather than at all thirty: the pattern
 * starts with a lookbehind, so the regex engine cannot skip a position without trying the whole alternation there.
 */
function referencePatternIn(context: string): boolean {
  let from = context.length;
  while (from > 0 && NEVER_MATCHED_TABLE[context.charCodeAt(from - 1)] === 0) from -= 1;
  for (let at = from; at < context.length; at += 1) {
    if (!mayStartReference(context, at)) continue;
    const pattern = referenceAt(context, at);
    pattern.lastIndex = at;
    if (pattern.test(context)) return true;
  }
  return false;
}

/** Whether the text right before a number (lower case) names a reference: then the number is not a phone, a card or an SSN. */
export const REFERENCE_CUE = {
  test: (context: string): boolean => referencePatternIn(context) || (CJK_NUMBER_NOUN.test(context) && CJK_ANY_REFERENCE_CUE.test(context)),
};

/**
 * Words that name a personal identity, social insurance or tax number of some country (not a phone): SSN, SIN/NAS, NINO,
 * BSN, personnummer, PESEL, DNI, CPF, passport, マイナンバー, 身份证, 주민등록번호…, anywhere in a line.
 */
export const IDENTITY_MENTION =
  /(?<![a-zà-ÿ0-9])(?:ssns?|social security|social insurance|assurance sociale|sins?|nas|national insurance|nino|ppsn?|nhs number|medicare|aadhaa?r|nric|hkid|mykad|bsn|burgerservicenummer|personnummer|henkilötunnus|cpr|pesel|dni|nie|curp|cpf|rut|cuit|tckn|kimlik|iqama|cnic|emirates id|passports?|passeport|pasaporte|passaporto|reisepass|personalausweis|steuer-?id|tax id|tins?|itin|ein|codice fiscale|national id|id cards?|identity (?:number|card)|carte d'identité|numéro d'identité|número de identidad|documento de identidad)(?![a-zà-ÿ0-9])|マイナンバー|個人番号|身份证|身分證|주민등록번호/i;
/** Words that present a value as a sample or the format of one: "the sample uses", "e.g.", "for example", "format", "Muster". */
export const SAMPLE_CUE =
  /(?<![a-zà-ÿ])(?:samples?|examples?|e\.g\.|for instance|dummy|specimen|format|such as|z\.\s?b\.|beispiel|muster|exemples?|par exemple|ejemplos?|por ejemplo|exemplos?|por exemplo|esempi[oa]?|ad esempio|voorbeeld|bijvoorbeeld|przykład|пример|образ)|例えば|例：|例:|サンプル|見本|例如|示例|样本|樣本|예시|예를 들어|샘플/i;
