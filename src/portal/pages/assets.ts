/**
 * The portal's only stylesheet and script, served from `/portal/assets/` (the pages' CSP allows
 * nothing else). The script reads the pasted key from the page and sends it only to this origin.
 */
export const PORTAL_CSS = `
:root { color-scheme: light; --ink: #1c2430; --muted: #566173; --line: #d7dde6; --accent: #0b5cad; --bg: #f7f9fc; --ok: #116b2f; --bad: #a4161a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
.top { display: flex; justify-content: space-between; align-items: center; padding: .8rem 2rem; background: #14243a; }
.top a { color: #fff; text-decoration: none; margin-left: 1rem; } .brand { font-weight: 700; margin-left: 0 !important; } .brand span { font-weight: 400; opacity: .8; }
main { max-width: 960px; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
footer { text-align: center; color: var(--muted); font-size: .85rem; padding: 1rem; }
h1 { margin: .3rem 0 .6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
.lead { font-size: 1.1rem; color: var(--muted); }
.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
input, select, textarea { font: inherit; padding: .45rem .6rem; border: 1px solid #9aa5b5; border-radius: 6px; background: #fff; color: var(--ink); }
input[type=search] { min-width: 18rem; } textarea { width: 100%; font-family: ui-monospace, Menlo, monospace; font-size: .9rem; }
button { font: inherit; padding: .45rem 1rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 1rem; }
.card, .panel { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.2rem; }
.card h2 { border: 0; margin: 0 0 .3rem; font-size: 1.2rem; }
.panel { margin-top: 1.5rem; } .panel h2 { margin-top: 0; } .panel label { display: block; margin: .6rem 0 .2rem; font-weight: 600; }
.panel input { width: 100%; } .panel button { margin-top: .6rem; }
.slug code, code { font-family: ui-monospace, Menlo, monospace; font-size: .9em; }
pre { background: #0f1b2b; color: #e8eef7; padding: .9rem 1rem; border-radius: 8px; overflow-x: auto; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: .8rem; background: #e3f1e7; color: var(--ok); }
.badge.deprecated { background: #fff1d6; color: #7a4b00; }
.tag { display: inline-block; padding: 0 .5rem; border-radius: 999px; background: #e7eefb; text-decoration: none; font-size: .85rem; }
.warning { background: #fff1d6; padding: .6rem .9rem; border-radius: 8px; }
table.schema { border-collapse: collapse; width: 100%; background: #fff; } table.schema caption { text-align: left; color: var(--muted); }
table.schema th, table.schema td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }
[data-state=ok] { color: var(--ok); } [data-state=error] { color: var(--bad); }
.count, .crumbs { color: var(--muted); }
.panel select { width: 100%; } .panel fieldset { border: 1px solid var(--line); border-radius: 8px; margin: .8rem 0 0; padding: .2rem .9rem .8rem; }
.panel legend { padding: 0 .3rem; } .panel label small { font-weight: 400; color: var(--muted); }
.operation { border-top: 1px solid var(--line); margin-top: 1.2rem; } .operation h3 { margin: .8rem 0 .4rem; } .operation h4 { margin: .8rem 0 .2rem; }
.method { display: inline-block; min-width: 4.2rem; text-align: center; padding: 0 .4rem; border-radius: 6px; font: 700 .8rem ui-monospace, Menlo, monospace; background: #e7eefb; color: var(--accent); }
.method.post { background: #e3f1e7; color: var(--ok); } .method.put, .method.patch { background: #fff1d6; color: #7a4b00; } .method.delete { background: #fde5e5; color: var(--bad); }
.samples summary { cursor: pointer; color: var(--accent); margin: .6rem 0; }
dl.headers { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; font: .85rem ui-monospace, Menlo, monospace; margin: .4rem 0; }
dl.headers dt { color: var(--muted); } dl.headers dd { margin: 0; overflow-wrap: anywhere; }
`;

export const PORTAL_JS = `'use strict';
(function () {
  var byId = function (id) { return document.getElementById(id); };
  var show = function (element, text, ok) { element.textContent = text; element.setAttribute('data-state', ok ? 'ok' : 'error'); };
  var credential = function () { var input = byId('credential'); return input ? input.value.trim() : ''; };
  var readJson = function (response) { return response.text().then(function (text) { try { return JSON.parse(text); } catch (e) { return text; } }); };
  var problem = function (status, body) {
    var error = body && body.error ? body.error : {};
    return status + ': ' + (error.message || (typeof body === 'string' ? body : 'refused')) + (error.code ? ' (' + error.code + ')' : '');
  };

  var access = byId('request-access');
  if (access) access.addEventListener('click', function () {
    var panel = byId('access'), result = byId('access-result'), key = credential();
    if (!key) return show(result, 'Paste your API key or access token first.', false);
    var reason = byId('access-reason').value.trim(), body = { apiProduct: panel.getAttribute('data-api') };
    if (reason) body.reason = reason;
    result.textContent = 'Sending…';
    fetch('/admin/workspaces/' + encodeURIComponent(panel.getAttribute('data-workspace')) + '/subscriptions', {
      method: 'POST', headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).then(function (response) {
      return readJson(response).then(function (answer) {
        if (!response.ok) return show(result, problem(response.status, answer), false);
        result.setAttribute('data-subscription', answer.id);
        show(result, answer.state === 'active' ? 'Access granted: subscription ' + answer.id + ' is active.' : 'Requested: subscription ' + answer.id + ' is ' + answer.state + ', waiting for an approver.', true);
      });
    }).catch(function (error) { show(result, 'Network error: ' + error.message, false); });
  });

  // The try-it console: a prompt API's page has one JSON body (#try-body, POST to data-url); a REST API's
  // page has one fieldset per operation (method, path template, parameters, optional body).
  var SHOWN_HEADERS = /^(content-type|content-length|location|etag|last-modified|cache-control|retry-after|deprecation|sunset|link|x-request-id|x-ratelimit-.*|ratelimit.*)$/;
  var operationPicker = byId('try-operation');
  var fieldsets = function () { return document.querySelectorAll('#try fieldset.try-fields'); };
  if (operationPicker) operationPicker.addEventListener('change', function () {
    Array.prototype.forEach.call(fieldsets(), function (fieldset) { fieldset.hidden = fieldset.getAttribute('data-index') !== operationPicker.value; });
  });

  var promptRequest = function () {
    var body;
    try { body = JSON.parse(byId('try-body').value); } catch (error) { return { problem: 'The body is not valid JSON: ' + error.message }; }
    return { url: byId('try').getAttribute('data-url'), method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  };
  var restRequest = function () {
    var fieldset = null;
    Array.prototype.forEach.call(fieldsets(), function (candidate) { if (candidate.getAttribute('data-index') === operationPicker.value) fieldset = candidate; });
    if (!fieldset) return { problem: 'Pick an operation.' };
    var values = {}, query = new URLSearchParams(), missing = [];
    Array.prototype.forEach.call(fieldset.querySelectorAll('input[data-name]'), function (input) {
      var name = input.getAttribute('data-name'), value = input.value;
      if (value === '') { if (input.required) missing.push(name); return; }
      if (input.getAttribute('data-in') === 'path') values[name] = value; else query.append(name, value);
    });
    if (missing.length) return { problem: 'Fill in ' + missing.join(', ') + '.' };
    var path = fieldset.getAttribute('data-path').replace(/\\{([^}]+)\\}/g, function (match, name) { return encodeURIComponent(values[name] === undefined ? match : values[name]); });
    var search = query.toString(), request = { url: byId('try').getAttribute('data-base') + path + (search ? '?' + search : ''), method: fieldset.getAttribute('data-method'), headers: {} };
    var textarea = fieldset.querySelector('textarea');
    if (textarea && textarea.value.trim() !== '') {
      if (textarea.getAttribute('data-json') === 'yes') { try { JSON.parse(textarea.value); } catch (error) { return { problem: 'The body is not valid JSON: ' + error.message }; } }
      request.headers['content-type'] = textarea.getAttribute('data-content-type');
      request.body = textarea.value;
    }
    return request;
  };
  var showHeaders = function (response) {
    var list = byId('try-headers');
    if (!list) return;
    list.textContent = '';
    response.headers.forEach(function (value, name) {
      if (!SHOWN_HEADERS.test(name)) return;
      var term = document.createElement('dt'), detail = document.createElement('dd');
      term.textContent = name; detail.textContent = value;
      list.appendChild(term); list.appendChild(detail);
    });
    list.hidden = !list.firstChild;
  };
  var bodyText = function (answer) { return typeof answer === 'string' ? answer : JSON.stringify(answer, null, 2); };

  var send = byId('try-send');
  if (send) send.addEventListener('click', function () {
    var status = byId('try-status'), output = byId('try-output'), key = credential(), rest = Boolean(operationPicker);
    output.textContent = '';
    showHeaders({ headers: new Headers() });
    if (!key) return show(status, 'Paste your API key first (under "Your key").', false);
    var request = rest ? restRequest() : promptRequest();
    if (request.problem) return show(status, request.problem, false);
    request.headers.authorization = 'Bearer ' + key;
    status.textContent = 'Calling ' + request.method + ' ' + request.url + '…';
    fetch(request.url, { method: request.method, headers: request.headers, body: request.body }).then(function (response) {
      return readJson(response).then(function (answer) {
        showHeaders(response);
        var portico = answer && typeof answer === 'object' && answer.error && answer.error.code;
        if (!response.ok && (portico || !rest)) { show(status, problem(response.status, answer), false); output.textContent = bodyText(answer); return; }
        show(status, response.status + ' ' + (response.statusText || (response.ok ? 'OK' : '')) + ' · request ' + (response.headers.get('x-request-id') || ''), response.ok);
        output.textContent = bodyText(!rest && answer && answer.output !== undefined ? answer.output : answer);
      });
    }).catch(function (error) { show(status, 'Network error: ' + error.message, false); });
  });
})();
`;
