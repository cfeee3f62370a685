/**
 * Vendor token formats: a documented prefix, then a body of the vendor's alphabet whose length may
 * vary within a range. Vendors change lengths over time (GitHub announced tokens of up to 255
 * characters, npm and Hugging Face tokens have grown), so each body accepts a range around today's
 * documented length instead of that exact length; the body must also look random (see secrets.ts).
 *
 * Each pattern captures the body in group 1 and ends where the alphabet ends, so a run longer than
 * the range is not a match at all rather than a truncated one.
 */
export interface TokenFormat {
  name: string;
  pattern: RegExp;
  /** The prefix alone, as a regex source. */
  prefix: string;
  /** The alphabet mixes upper and lower case, so a body of one case without digits is words, not a token. */
  mixedCase: boolean;
}

/** `prefix` + body of `alphabet` (a character class body) with `min`–`max` characters, not followed by more of it. */
function format(name: string, prefix: string, alphabet: string, min: number, max: number, mixedCase = true): TokenFormat {
  const pattern = new RegExp(String.raw`(?<![A-Za-z0-9_])${prefix}([${alphabet}]{${min},${max}})(?![${alphabet}])`, 'g');
  return { name, pattern, prefix, mixedCase };
}

const BASE62 = 'A-Za-z0-9';
const BASE64URL = String.raw`A-Za-z0-9_\-`;

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  // AWS access key ids: 4-letter type prefix + 16 upper-case base32 today; the IAM API allows ids of up to 128.
  format('aws-access-key-id', '(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)', 'A-Z0-9', 16, 124, false),
  // GitHub classic, OAuth, user-to-server, server-to-server and refresh tokens: 36 today, up to 255 in all.
  format('github-token', 'gh[pousr]_', BASE62, 30, 251),
  // GitHub fine-grained PAT: github_pat_ + 22 + _ + 59 today.
  format('github-fine-grained-pat', 'github_pat_', `${BASE62}_`, 40, 244),
  // GitLab personal, project and group tokens: 20 today, longer routable tokens carry dots.
  format('gitlab-pat', 'glpat-', `${BASE64URL}.`, 20, 255),
  // Slack bot, user, app-level, configuration and refresh tokens: dash-separated digit and base62 groups.
  format('slack-token', 'xox[abposr]-', String.raw`${BASE62}\-`, 10, 250),
  // Stripe secret and restricted keys, live and test: 24 to 99 today, up to 255 in all.
  format('stripe-key', '(?:sk|rk)_(?:live|test)_', BASE62, 16, 247),
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
  // Twilio API key SIDs: SK + 32 hex.
  format('twilio-api-key', 'SK', '0-9a-fA-F', 32, 34, false),
];

/** A value that starts with any vendor prefix: what follows is judged as that vendor's body. */
export const VENDOR_PREFIX = new RegExp(`^(?:${TOKEN_FORMATS.map((token) => token.prefix).join('|')})`);
