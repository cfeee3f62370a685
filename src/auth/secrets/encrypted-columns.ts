/**
 * Every column that holds a value sealed with `SecretBox`. A new encrypted column must be added
 * here, or a master-key rotation would leave it unreadable. The SecretBox purpose of a column is
 * `<table>.<column without _enc>`, so a value cannot be replayed into another column.
 */
export interface EncryptedColumn {
  table: string;
  column: string;
  /** The primary-key column used to write each re-sealed value back. */
  key: string;
  purpose: string;
}

export function purposeOf(table: string, column: string): string {
  return `${table}.${column.replace(/_enc$/, '')}`;
}

function encrypted(table: string, column: string, key: string): EncryptedColumn {
  return { table, column, key, purpose: purposeOf(table, column) };
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  encrypted('provider_accounts', 'credential_enc', 'id'),
  encrypted('provider_account_credentials', 'credential_enc', 'id'),
  encrypted('sso_connections', 'client_secret_enc', 'id'),
  encrypted('sso_login_states', 'code_verifier_enc', 'state_hash'),
  encrypted('webhook_endpoints', 'secret_enc', 'id'),
  encrypted('webhook_endpoints', 'previous_secret_enc', 'id'),
  encrypted('rest_apis', 'credential_enc', 'product_id'),
];

/** `provider_accounts.credential` */
export const PROVIDER_CREDENTIAL_PURPOSE = purposeOf('provider_accounts', 'credential_enc');
/** `provider_account_credentials.credential`: the extra credentials of a provider account */
export const PROVIDER_EXTRA_CREDENTIAL_PURPOSE = purposeOf('provider_account_credentials', 'credential_enc');
/** `rest_apis.credential`: the credential Portico sends to a REST API's upstream */
export const REST_API_CREDENTIAL_PURPOSE = purposeOf('rest_apis', 'credential_enc');
/** `sso_connections.client_secret` */
export const SSO_CLIENT_SECRET_PURPOSE = purposeOf('sso_connections', 'client_secret_enc');
/** `sso_login_states.code_verifier` */
export const SSO_CODE_VERIFIER_PURPOSE = purposeOf('sso_login_states', 'code_verifier_enc');
