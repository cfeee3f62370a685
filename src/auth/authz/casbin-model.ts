/**
 * RBAC with domains: a domain is a workspace id. `g, user:<id>, <role>, <workspace>` makes a
 * member; `p, <role>, <domain>, <resource>, <action>` grants, where the built-in roles use the
 * domain `*` and custom roles their own workspace. `*` as resource or action is a wildcard.
 */
export const CASBIN_MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.dom) && (p.dom == r.dom || p.dom == "*") && (p.obj == r.obj || p.obj == "*") && (p.act == r.act || p.act == "*")
`;
