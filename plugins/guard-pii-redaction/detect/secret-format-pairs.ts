/**
 * Round 25: vendor credentials known by their format and what stands next to them, where the cued forms of secret-cues.ts ask
 * for a tighter shape: a Microsoft Teams incoming webhook on any tenant host, an AWS secret access key a word or two after its
 * key id (`AKIA… / segredo …`, `AKIA… — secret: …`), and a Cloudflare API token a few words after the vendor's name
 * (`Cloudflare API token (DNS edit only): …`), an Alibaba Cloud AccessKey secret after its id, a Splunk HEC token (a GUID) after its
 * name. Each scan runs only on texts holding its literal.
 */
import { type Detection, eachMatch } from './detection.js';
import { holds } from './secret-first-pass.js';
import { isPlaceholder, looksRandom, pushSpan } from './secret-values.js';

/**
 * A Teams incoming webhook, labelled whole like Slack's and Discord's: the URL alone posts to the channel. The tenant host may
 * read `example` or `contoso` in a ticket, yet the ids after it are the channel's; only those must look random.
 */
const TEAMS_WEBHOOK = /https:\/\/[\w-]+\.webhook\.office\.com\/webhookb2\/([\w@-]{20,})\/IncomingWebhook\/([\w-]{16,})\/[\w-]{16,}(?:\/[\w-]{8,})?/g;

/**
 * An AWS secret access key after its key id with a word or two between (`AKIA… / segredo …`, `ASIA…, secret …`): 40 characters
 * of base64 with both cases and a digit; a commit hash (one case) or a path is not one.
 */
const AWS_PAIR = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b[^\n]{1,40}?(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g;

/** An Alibaba Cloud AccessKey secret (30 base62) after its AccessKey id (`LTAI` + 12 to 20), as the console shows the pair. */
const ALIBABA_PAIR = /\bLTAI[A-Za-z0-9]{12,20}\b[^\n]{1,40}?(?<![A-Za-z0-9])([A-Za-z0-9]{30})(?![A-Za-z0-9])/g;

/** A Splunk HTTP Event Collector token (a GUID) a few characters after its name (`HEC token d9b5…`, `hec_token: "…"`). */
const SPLUNK_HEC = /\bhec[\s_-]?token\b[^\n\w]{0,6}(?:is\s+|=\s*)?["'`]?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])/gi;

/** A Cloudflare API token (40 characters of base64url) within a few words after the vendor's name, on its line. */
const CLOUDFLARE_TOKEN = /cloudflare[^\n]{0,60}?(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/gi;

/** Both cases and a digit, random, not a filler. */
const isMixedRandom = (body: string) => /[a-z]/.test(body) && /[A-Z]/.test(body) && /\d/.test(body) && looksRandom(body, true) && !isPlaceholder(body);

export function detectPairedTokens(text: string, found: Detection[]): void {
  if (holds(text, 'webhook.office.com')) {
    eachMatch(TEAMS_WEBHOOK, text, (match) => {
      if (looksRandom(match[2], false) && !isPlaceholder(match[1])) pushSpan(found, match.index, match[0]);
    });
  }
  if (holds(text, 'AKIA') || holds(text, 'ASIA')) {
    eachMatch(AWS_PAIR, text, (match) => {
      if (isMixedRandom(match[1])) pushSpan(found, match.index + match[0].length - match[1].length, match[1]);
    });
  }
  if (holds(text, 'LTAI')) {
    eachMatch(ALIBABA_PAIR, text, (match) => {
      if (isMixedRandom(match[1])) pushSpan(found, match.index + match[0].length - match[1].length, match[1]);
    });
  }
  if (holds(text, 'HEC') || holds(text, 'hec')) {
    eachMatch(SPLUNK_HEC, text, (match) => {
      if (looksRandom(match[1].replace(/-/g, ''), false)) pushSpan(found, match.index + match[0].length - match[1].length, match[1]);
    });
  }
  if (holds(text, 'loudflare') || holds(text, 'LOUDFLARE')) {
    eachMatch(CLOUDFLARE_TOKEN, text, (match) => {
      if (isMixedRandom(match[1])) pushSpan(found, match.index + match[0].length - match[1].length, match[1]);
    });
  }
}
