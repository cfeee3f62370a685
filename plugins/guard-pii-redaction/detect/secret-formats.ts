/**
 * Vendor token formats: a documented prefix, then a body of the vendor's alphabet whose length may
 * vary within a range. Vendors change lengths over time (GitHub announced tokens of up to 255
 * characters, npm and Hugging Face tokens have grown), so each body accepts a range around today's
 * documented length instead of that exact length; the body must also look random (see secrets.ts).
 *
 * Each pattern captures the body in group 1 and ends where the alphabet ends, so a run longer than
 * the range is not a match at all rather than a truncated one.
 */
import { holds } from './secret-first-pass.js';

export interface TokenFormat {
  name: string;
  pattern: RegExp;
  /** The prefix alone, as a regex source. */
  prefix: string;
  /** The alphabet mixes upper and lower case, so a body of one case without digits is words, not a token. */
  mixedCase: boolean;
  /**
   * Literals one of which every match contains (none: always scanned); a text with none of them is not scanned for this format
   * (see `holds` in secret-first-pass.ts).
   */
  needles: readonly string[];
  /** For a format without a literal: a cheap test (a rare character first) that every text holding a match passes. */
  gate?: { test(text: string): boolean };
}

/** The literal start of a prefix (`gh[pousr]_` → `gh`, `SG\.` → `SG.`), or a literal the caller names. */
function literalStart(prefix: string): string {
  const literal = /^(?:[A-Za-z0-9_~:/-]|\\[.$])*/.exec(prefix)?.[0] ?? '';
  return literal.replace(/\\(.)/g, '$1');
}

/**
 * `prefix` + body of `alphabet` (a character class body) with `min`–`max` characters, not followed by more of it;
 * `suffix` is a fixed tail some vendors put after the random part (`-us6`, `-X`).
 */
/** The literal starts of a prefix that opens with literal alternatives (`(?:hf_|api_org_)` → `hf_`, `api_org_`), else {@link literalStart}. */
function literalStarts(prefix: string): string[] {
  const options = /^\(\?:((?:[A-Za-z0-9_~:-]+\|)+[A-Za-z0-9_~:-]+)\)(?!\?)/.exec(prefix);
  if (options === null) return [literalStart(prefix)].filter((needle) => needle !== '');
  const rest = literalStart(prefix.slice(options[0].length));
  return options[1].split('|').map((option) => option + rest);
}

function format(name: string, prefix: string, alphabet: string, min: number, max: number, mixedCase = true, suffix = '', needle?: string | string[]): TokenFormat {
  const tail = suffix === '' ? `(?![${alphabet}])` : `${suffix}(?![A-Za-z0-9_-])`;
  // `\b` stands for "no word character before" (and is cheaper) wherever a match starts with a word character.
  const start = /^[A-Za-z0-9_(\\]/.test(prefix) || prefix === '' ? String.raw`\b` : '(?<![A-Za-z0-9_])';
  const pattern = new RegExp(String.raw`${start}${prefix}([${alphabet}]{${min},${max}})${tail}`, 'g');
  const needles = (needle === undefined ? literalStarts(prefix) : typeof needle === 'string' ? [needle] : needle);
  return { name, pattern, prefix, mixedCase, needles };
}

const BASE62 = 'A-Za-z0-9';
const BASE64URL = String.raw`A-Za-z0-9_\-`;

const isDigit = (code: number) => code >= 48 && code <= 57;
/**
 * Whether some colon has `count` digits right before it: the gate of the Telegram format (a bot id and its colon), where the
 * needles `0:`…`9:` pass in most texts (times, ratios) and the pattern then scans every digit of the text.
 */
function hasDigitsBeforeColon(text: string, count: number): boolean {
  for (let colon = text.indexOf(':', count); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    let digits = 0;
    while (digits < count && isDigit(text.charCodeAt(colon - 1 - digits))) digits += 1;
    if (digits === count) return true;
  }
  return false;
}

const isLowerHex = (code: number) => isDigit(code) || (code >= 97 && code <= 102);
/** Whether `count` characters from `at` all pass `test`. */
function allFrom(text: string, at: number, count: number, test: (code: number) => boolean): boolean {
  for (let offset = 0; offset < count; offset += 1) if (!test(text.charCodeAt(at + offset))) return false;
  return true;
}
/**
 * The gate of the Mailgun/Mailchimp format, what `/-(?:us\d|[0-9a-f]{8}-)/` tests, in code: the regex tried every position of
 * the text for its dash (a scan costs as much as the format itself), where `indexOf` finds the dashes.
 */
function hasMailchimpTail(text: string): boolean {
  for (let dash = text.indexOf('-'); dash >= 0; dash = text.indexOf('-', dash + 1)) {
    if (text.startsWith('us', dash + 1) && isDigit(text.charCodeAt(dash + 3))) return true;
    if (text.charCodeAt(dash + 9) === 45 && allFrom(text, dash + 1, 8, isLowerHex)) return true;
  }
  return false;
}
const isBase64Url = (code: number) => isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
/**
 * Session 12 (speed only): the gate of the Discord format, which has no literal: every match holds two dots with six base64url characters
 * between them (its timestamp part) and 24 before the first (the user id, `[MNO]` and 23 or more), found from the dots with
 * `indexOf`; the pattern was scanned over every text.
 */
function hasDiscordDots(text: string): boolean {
  for (let dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    if (text.charCodeAt(dot + 7) === 46 && dot >= 24 && allFrom(text, dot + 1, 6, isBase64Url) && allFrom(text, dot - 24, 24, isBase64Url)) return true;
  }
  return false;
}
const isHex = (code: number) => isLowerHex(code) || (code >= 65 && code <= 70);
const isBase62 = (code: number) => isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/**
 * Session 12 (speed only): whether `literal` stands somewhere with what `follows` asks right after it: the gate of a format whose literal
 * is short and common (`SK`, `pat`), from what every match holds after it. The first pass's `holds` rules out most texts first
 * (detectSecrets indexed the text); the literal's places are then found with `indexOf`, where the pattern was scanned over every
 * text holding the literal (`path`, `TASK`).
 */
function holdsLiteralThen(text: string, literal: string, follows: (after: number) => boolean): boolean {
  if (!holds(text, literal)) return false;
  for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) if (follows(at + literal.length)) return true;
  return false;
}
/** Twilio: `SK` and 32 hex digits. */
const hasTwilioKeyId = (text: string) => holdsLiteralThen(text, 'SK', (after) => allFrom(text, after, 32, isHex));
/** Airtable: `pat`, 14 letters and digits, a dot. */
const hasAirtableTokenId = (text: string) => holdsLiteralThen(text, 'pat', (after) => allFrom(text, after, 14, isBase62) && text.charCodeAt(after + 14) === 46);
export const TOKEN_FORMATS: readonly TokenFormat[] = [
  // AWS access key ids: 4-letter type prefix + 16 upper-case base32 today; the IAM API allows ids of up to 128.
  format('aws-access-key-id', '(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)', 'A-Z0-9', 16, 124, false),
  // GitHub classic, OAuth, user-to-server, server-to-server and refresh tokens: 36 today, up to 255 in all.
  format('github-token', 'gh[pousr]_', BASE62, 30, 251, true, '', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']),
  // GitHub fine-grained PAT: github_pat_ + 22 + _ + 59 today.
  format('github-fine-grained-pat', 'github_pat_', `${BASE62}_`, 40, 244),
  // GitLab personal, project and group tokens: 20 today, longer routable tokens carry dots.
  format('gitlab-pat', 'glpat-', `${BASE64URL}.`, 20, 255),
  // Slack bot, user, app-level, configuration and refresh tokens: dash-separated digit and base62 groups.
  format('slack-token', 'xox[abposr]-', String.raw`${BASE62}\-`, 10, 250),
  // Stripe secret and restricted keys, live and test: 24 to 99 today, up to 255 in all.
  format('stripe-key', '(?:sk|rk)_(?:live|test|sbox)_', BASE62, 16, 247, true, '', ['k_live_', 'k_test_', 'k_sbox_']), // and Checkout.com `sk_sbox_`, Paystack `sk_live_`
  format('stripe-webhook-secret', 'whsec_', `${BASE62}+/=`, 24, 128),
  // Anthropic keys (sk-ant-api03-…, sk-ant-admin01-…: 95 body characters today).
  format('anthropic-key', 'sk-ant-(?:[a-z]+\\d\\d-)?', BASE64URL, 32, 300),
  // OpenAI user, project, service-account and admin keys: 48 body characters for the old ones, 120–160 for project keys.
  format('openai-key', 'sk-(?!ant-)(?:proj-|svcacct-|admin-)?', BASE64URL, 20, 300),
  // Google API keys: AIza + 35 today.
  format('google-api-key', 'AIza', BASE64URL, 30, 64),
  // npm granular and automation tokens: npm_ + 36 today.
  format('npm-token', 'npm_', BASE62, 30, 64),
  // Hugging Face user and organisation tokens: hf_ / api_org_ + 34 today.
  format('huggingface-token', '(?:hf_|api_org_)', BASE62, 30, 64),
  // SendGrid: SG. + 22 + . + 43 today.
  format('sendgrid-key', String.raw`SG\.[${BASE64URL}]{16,32}\.`, BASE64URL, 32, 64),
  // Twilio API key SIDs: SK + 32 hex. Round 22: an account SID (`AC` + 32 hex) names the account, as the writer brief now says; it is
  // no format here (the auth token paired with it is still taken, see `CUED_PATTERNS`).
  { ...format('twilio-api-key', 'SK', '0-9a-fA-F', 32, 34, false), gate: { test: hasTwilioKeyId } },
  // PyPI API tokens: pypi- + a base64url macaroon (AgEIcHlwaS5vcmc… for pypi.org), 150+ characters today.
  format('pypi-token', 'pypi-', BASE64URL, 40, 400),
  // GitLab deploy, runner, pipeline-trigger, feed, incoming-mail, OAuth-app, service-account, CI-build and feature-flag tokens.
  format('gitlab-token', 'gl(?:dt|rt|ptt|ft|imt|oas|soat|cbt|ffct|agent)-', `${BASE64URL}.`, 20, 255, true, '', ['gldt-', 'glrt-', 'glptt-', 'glft-', 'glimt-', 'gloas-', 'glsoat-', 'glcbt-', 'glffct-', 'glagent-']),
  // Slack app-level tokens: xapp-1-A…-…-hex.
  format('slack-app-token', 'xapp-', String.raw`${BASE62}\-`, 20, 250),
  // Google OAuth access and refresh tokens, OAuth client secrets.
  format('google-oauth-token', String.raw`ya29\.`, BASE64URL, 20, 2048),
  format('google-refresh-token', '1//0', BASE64URL, 30, 512),
  format('google-client-secret', 'GOCSPX-', BASE64URL, 24, 40),
  // Shopify admin, custom-app, partner and shared-secret tokens: 32 hex.
  format('shopify-token', 'shp(?:at|ca|pa|ss)_', '0-9a-fA-F', 32, 40, false),
  // DigitalOcean personal, OAuth and refresh tokens: 64 hex.
  format('digitalocean-token', 'do[opr]_v1_', '0-9a-f', 64, 64, false, '', '_v1_'),
  // Mailgun: key- + 32 base36 (old), or 32 hex - 8 hex - 8 hex (new); Mailchimp: 32 hex + -us<n>.
  format('mailgun-key', 'key-', '0-9a-z', 32, 32, false),
  { ...format('mailgun-mailchimp-key', '', '0-9a-f', 32, 32, false, String.raw`-(?:us\d{1,2}|[0-9a-f]{8}-[0-9a-f]{8})`), gate: { test: hasMailchimpTail } },
  // Databricks personal access tokens: dapi + 32 hex, sometimes -2.
  format('databricks-token', 'dapi', '0-9a-f', 32, 32, false, String.raw`(?:-\d)?`),
  // HashiCorp Vault service, batch and recovery tokens; Terraform Cloud tokens.
  format('vault-token', String.raw`hv[sbr]\.`, BASE64URL, 24, 300),
  format('terraform-token', String.raw`[A-Za-z0-9]{14}\.atlasv1\.`, BASE64URL, 60, 80, true, '', '.atlasv1.'),
  // Doppler personal, service, CLI, service-account, SCIM and audit tokens.
  format('doppler-token', String.raw`dp\.(?:pt|st|ct|sa|scim|audit)\.(?:[a-z0-9_-]{1,40}\.)?`, BASE62, 40, 64),
  // Linear API and OAuth tokens.
  format('linear-token', 'lin_(?:api|oauth)_', BASE62, 32, 64),
  // Telegram bot tokens: the bot's numeric id, a colon, 35 base64url characters; in the Bot API's URLs glued to `bot`
  // (`https://api.telegram.org/bot<token>/sendMessage`).
  { ...format('telegram-bot-token', String.raw`\d{8,10}:`, BASE64URL, 34, 36, true, ''), gate: { test: (text: string) => hasDigitsBeforeColon(text, 8) } },
  { ...format('telegram-bot-token-in-url', String.raw`\d{8,10}:`, BASE64URL, 34, 36, true, '', '/bot'), pattern: /(?<=\/bot)\d{8,10}:([A-Za-z0-9_-]{34,36})(?![A-Za-z0-9_-])/g },
  // Discord bot tokens: base64 user id, a 6-character timestamp, an HMAC.
  { ...format('discord-bot-token', String.raw`[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.`, BASE64URL, 27, 40), gate: { test: hasDiscordDots } },
  // Heroku platform API tokens (new format).
  format('heroku-token', 'HRKU-', BASE64URL, 30, 80),
  // Square access tokens and OAuth secrets; Facebook/Meta access tokens share EAA.
  format('square-token', 'sq0(?:atp|csp|idp)-', BASE64URL, 22, 60),
  format('meta-square-access-token', 'EAA', BASE64URL, 40, 400),
  // Sentry organisation and user auth tokens.
  format('sentry-token', 'sntry[su]_', `${BASE64URL}=`, 40, 300),
  // Atlassian API tokens, Bitbucket app passwords.
  format('atlassian-token', 'ATATT', `${BASE64URL}=`, 50, 300),
  format('bitbucket-app-password', 'ATBB', BASE62, 24, 40),
  // Postman, New Relic, Grafana, PlanetScale, Supabase, Pulumi tokens.
  format('postman-key', 'PMAK-[0-9a-f]{24}-', '0-9a-f', 34, 34, false),
  format('newrelic-key', 'NR(?:AK|AA|II|JS|SP)-', 'A-Z0-9', 27, 32, false),
  format('grafana-service-account-token', 'glsa_', BASE62, 32, 32, true, '_[0-9a-f]{8}'),
  format('grafana-cloud-token', 'glc_', `${BASE64URL}=`, 32, 400),
  format('planetscale-token', 'pscale_(?:tkn|pw|oauth)_', `${BASE64URL}.`, 32, 64),
  format('supabase-token', '(?:sbp_|sb_secret_)', `${BASE64URL}`, 20, 64),
  format('pulumi-token', 'pul-', '0-9a-f', 40, 40, false),
  // age secret keys: bech32 upper case, 58 characters. The prefix alone names the key, so the body is taken in any upper-case
  // letters and digits: keys retyped or made up for a ticket hold `B`, `I`, `O` that bech32 leaves out.
  format('age-secret-key', 'AGE-SECRET-KEY-1', 'A-Z0-9', 58, 58, false),
  // Alibaba Cloud and Tencent Cloud access key ids.
  format('alibaba-access-key-id', 'LTAI', BASE62, 12, 24),
  format('tencent-secret-id', 'AKID', BASE62, 32, 36),
  // Replicate, Groq, Perplexity and xAI API keys.
  format('replicate-token', 'r8_', BASE62, 37, 40),
  format('groq-key', 'gsk_', BASE62, 48, 56),
  format('perplexity-key', 'pplx-', BASE62, 40, 56),
  format('xai-key', 'xai-', BASE62, 60, 100),
  // Firebase Cloud Messaging legacy server keys.
  format('fcm-server-key', String.raw`AAAA[A-Za-z0-9_-]{7}:APA91b`, BASE64URL, 100, 200, true, '', ':APA91b'),
  // Microsoft Entra ID (Azure AD) client secrets: three characters, a digit and Q~, then 31–34 more.
  format('entra-client-secret', String.raw`[A-Za-z0-9_~.-]{3}\dQ~`, String.raw`A-Za-z0-9_~.\-`, 31, 34, true, '', 'Q~'),
  // Dropbox short-lived tokens, Notion, Airtable, Figma, Contentful, Netlify, Brevo, Mapbox secret tokens.
  // Dropbox short-lived tokens; since 2024 they start `sl.u.` (round 19).
  format('dropbox-token', String.raw`sl\.(?:u\.)?`, BASE64URL, 100, 1500),
  format('notion-token', '(?:secret_|ntn_)', BASE62, 40, 50),
  { ...format('airtable-token', String.raw`pat[A-Za-z0-9]{14}\.`, '0-9a-f', 64, 64, false), gate: { test: hasAirtableTokenId } },
  format('figma-token', 'figd_', BASE64URL, 40, 60),
  format('contentful-token', 'CFPAT-', BASE64URL, 43, 43),
  format('netlify-token', 'nfp_', BASE62, 36, 40),
  format('brevo-key', 'xkeysib-', '0-9a-f', 64, 64, false, '-[A-Za-z0-9]{16}'),
  format('mapbox-secret-token', String.raw`sk\.eyJ[A-Za-z0-9_-]{20,}\.`, BASE64URL, 20, 40),
  // Braintree access tokens, Flutterwave secret keys.
  format('braintree-token', String.raw`access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$`, '0-9a-f', 32, 32, false),
  format('flutterwave-key', 'FLWSECK(?:_TEST)?-', '0-9a-f', 32, 32, false, '-X'),
  // WooCommerce REST API keys: the consumer key and the consumer secret, each of 40 hex digits, are used together.
  format('woocommerce-key', 'c[ks]_', '0-9a-f', 40, 40, false, '', ['ck_', 'cs_']),
  // Payment gateways: Razorpay key ids and secrets, Mercado Pago access tokens, Adyen API keys, Paystack (`sk_live_`, as Stripe).
  format('razorpay-key', 'rzp_(?:live|test)_', BASE62, 14, 32),
  format('mercadopago-token', String.raw`APP_USR-\d{13,19}-\d{6}-`, '0-9a-f', 32, 32, false, String.raw`-\d{6,12}`),
  format('mercadopago-test-token', String.raw`TEST-\d{13,19}-\d{6}-`, '0-9a-f', 32, 32, false, String.raw`-\d{6,12}`),
  format('adyen-api-key', 'AQE', String.raw`A-Za-z0-9+/=.\-`, 80, 300), // Round 18: with the `.` some keys hold
  // Asian payment gateways: Omise secret keys, Midtrans server keys (sandbox `SB-`), Xendit secret keys, Toss Payments secret keys.
  format('omise-secret-key', 'skey_(?:test_)?', '0-9a-z', 19, 40, false),
  format('midtrans-server-key', '(?:SB-)?Mid-server-', BASE64URL, 20, 40, true, '', 'Mid-server-'),
  format('xendit-secret-key', 'xnd_(?:development|production)_', BASE62, 40, 100),
  format('toss-secret-key', '(?:live|test)_g?sk_', BASE62, 20, 40, true, '', ['_sk_', '_gsk_']),
  // Docker Hub personal access tokens, RubyGems and NuGet API keys.
  format('docker-pat', 'dckr_pat_', BASE64URL, 27, 40),
  format('rubygems-key', 'rubygems_', '0-9a-f', 48, 48, false),
  format('nuget-key', 'oy2', '0-9a-z', 43, 43, false),
  // Yandex Cloud OAuth tokens and API keys.
  format('yandex-token', 'y[0-3]_', BASE64URL, 50, 70, true, '', ['y0_', 'y1_', 'y2_', 'y3_']),
  format('yandex-api-key', 'AQVN', BASE64URL, 35, 38),
  // Round 18: CI/CD and developer platforms. Buildkite API access tokens (bkua_ + 40 hex); CircleCI personal and project
  // tokens (CCIPAT_/CCIPRJ_ + 22 base62 + _ + 40 hex); HubSpot private-app tokens (pat-<region>- + a UUID); Resend API keys
  // (re_ + 8 + _ + 24 today); Intercom access tokens (base64 of `tok:…`, so always `dG9rOj`).
  format('buildkite-token', 'bkua_', '0-9a-f', 40, 40, false),
  format('circleci-token', 'CCIP(?:AT|RJ)_', `${BASE62}_`, 60, 70, true, '', 'CCIP'),
  format('hubspot-token', String.raw`pat-(?:na|eu|ap)\d-`, '0-9a-f-', 36, 36, false, '', 'pat-'),
  format('resend-key', 're_', `${BASE62}_`, 28, 40),
  format('intercom-token', 'dG9rOj', `${BASE64URL}+/=`, 40, 120),
  // Tailscale auth, API and OAuth client keys; 1Password service-account tokens; Pinecone, LangSmith, PostHog personal,
  // Sourcegraph, SonarQube, Neon, Render, Prefect, Paddle keys; Dynatrace and JFrog tokens; Plaid access tokens; Fly.io
  // macaroons; ElevenLabs keys (sk_ + 48 hex, no live/test part); Shippo and Duffel keys.
  format('tailscale-key', 'tskey-(?:auth|api|client|scim|webhook)-', String.raw`${BASE62}\-`, 24, 80),
  format('onepassword-service-token', 'ops_eyJ', BASE64URL, 100, 1200),
  format('pinecone-key', 'pcsk_', `${BASE62}_`, 40, 90),
  format('langsmith-key', 'lsv2_(?:pt|sk)_', '0-9a-f_', 43, 43, false, '', 'lsv2_'),
  format('posthog-personal-key', 'phx_', BASE62, 40, 50),
  format('sourcegraph-token', 'sgp_', '0-9a-f_', 40, 60, false),
  format('sonarqube-token', 'sq[upa]_', '0-9a-f', 40, 40, false, '', ['squ_', 'sqp_', 'sqa_']),
  format('neon-key', 'napi_', '0-9a-z', 60, 70, false),
  format('render-key', 'rnd_', BASE62, 28, 40),
  format('prefect-key', 'pnu_', BASE62, 36, 36),
  format('paddle-key', 'pdl_(?:live|sdbx)_apikey_', `${BASE62}_`, 40, 60, true, '', 'pdl_'),
  format('dynatrace-token', String.raw`dt0[a-z]\d{2}\.[A-Z0-9]{24}\.`, 'A-Z0-9', 64, 64, false, '', 'dt0'),
  format('jfrog-token', 'AKCp', BASE62, 64, 80),
  format('plaid-access-token', 'access-(?:sandbox|development|production)-', '0-9a-f-', 36, 36, false, '', 'access-'),
  // Round 24: with the `FlyV1 ` scheme flyctl prints before it (`FLY_API_TOKEN="FlyV1 fm2_…"`), the token as it is pasted.
  format('flyio-token', '(?:FlyV1 )?fm[12][ar]?_', `${BASE64URL}+/=`, 100, 1200, true, '', ['fm1', 'fm2']),
  format('elevenlabs-key', 'sk_', '0-9a-f', 48, 48, false),
  format('shippo-token', 'shippo_(?:live|test)_', '0-9a-f', 40, 40, false),
  format('duffel-token', 'duffel_(?:live|test)_', BASE64URL, 40, 50),
  // Round 19: LaunchDarkly server-side SDK keys (sdk- + a UUID; the mobile key and the client-side id are public).
  format('launchdarkly-sdk-key', 'sdk-', '0-9a-f-', 36, 36, false),
  // Round 24: the group-chat robot webhooks of Chinese workplaces, labelled whole like Slack's and Discord's (the URL alone posts
  // to the group): DingTalk (`access_token=` + 64 hex), Feishu and Lark (`hook/` + a UUID), WeCom (`send?key=` + a UUID).
  format('dingtalk-webhook', String.raw`https://oapi\.dingtalk\.com/robot/send\?access_token=`, '0-9a-f', 64, 64, false, '', 'oapi.dingtalk.com/robot'),
  format('feishu-webhook', String.raw`https://open\.(?:feishu\.cn|larksuite\.com)/open-apis/bot/v2/hook/`, '0-9a-f-', 36, 36, false, '', '/open-apis/bot/'),
  format('wecom-webhook', String.raw`https://qyapi\.weixin\.qq\.com/cgi-bin/webhook/send\?key=`, '0-9a-f-', 36, 36, false, '', 'qyapi.weixin.qq.com/cgi-bin/webhook'),
];

/** A value that starts with any vendor prefix: what follows is judged as that vendor's body. */
export const VENDOR_PREFIX = new RegExp(`^(?:${TOKEN_FORMATS.flatMap((token) => (token.prefix === '' ? [] : [token.prefix])).join('|')})`);
