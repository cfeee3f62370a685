import { describe, expect, it } from 'vitest';
import { PromptTemplates } from './prompt-template';

const templates = new PromptTemplates();

describe('PromptTemplates', () => {
  it('renders variables, sections over lists, flags and inverted sections', () => {
    const rendered = templates.render(
      [
        { role: 'system', content: 'You are {{persona}}.{{#formal}} Be formal.{{/formal}}{{^formal}} Be casual.{{/formal}}' },
        { role: 'user', content: 'Items:{{#items}} {{name}}={{qty}};{{/items}} for {{user.name}}{{! a comment }}' },
      ],
      { persona: 'a helper', formal: false, items: [{ name: 'a', qty: 1 }, { name: 'b', qty: 2 }], user: { name: 'Ada' } },
    );
    expect(rendered).toEqual([
      { role: 'system', content: 'You are a helper. Be casual.' },
      { role: 'user', content: 'Items: a=1; b=2; for Ada' },
    ]);
  });

  it('does not HTML-escape: a prompt keeps its quotes, ampersands and angle brackets', () => {
    const [message] = templates.render([{ role: 'user', content: 'Say {{text}} and {{{text}}}' }], { text: `<b>"Tom" & 'Jerry'</b>` });
    expect(message!.content).toBe(`Say <b>"Tom" & 'Jerry'</b> and <b>"Tom" & 'Jerry'</b>`);
  });

  it('never reaches built-in functions through a name, even on data it renders', () => {
    const [message] = templates.render([{ role: 'user', content: '[{{constructor}}][{{#list}}{{map}}{{toFixed}}{{/list}}][{{toString}}][{{text.link}}][{{text.length}}]' }], {
      list: [1, 'a'],
      text: 'abc',
    });
    expect(message!.content).toBe('[][][][][3]');
  });

  it('refuses partials, unparsable templates and names of built-ins, naming the message', () => {
    expect(templates.check([{ role: 'user', content: 'Hi {{> header}}' }])).toEqual([{ path: 'messages[0].content', message: 'partials are not supported ({{> header}})' }]);
    expect(templates.check([{ role: 'system', content: 'ok' }, { role: 'user', content: '{{#open}} never closed' }])).toEqual([
      { path: 'messages[1].content', message: expect.stringContaining('does not parse') },
    ]);
    const builtIns = templates.check([{ role: 'user', content: '{{name.constructor}} {{#items}}{{a.prototype}}{{/items}} {{__proto__}} {{bad name}}' }]);
    expect(builtIns.map((problem) => problem.message)).toEqual([
      "'name.constructor' is not a usable variable name ('constructor')",
      "'a.prototype' is not a usable variable name ('prototype')",
      "'__proto__' is not a usable variable name ('__proto__')",
      "'bad name' is not a usable variable name ('bad name')",
    ]);
    expect(templates.check([{ role: 'user', content: '{{name}} {{#items}}{{.}}{{/items}} {{user.first_name}}' }])).toEqual([]);
  });

  it('lists the variables a template reads with the sections around them', () => {
    const references = templates.references([{ role: 'user', content: '{{a}}{{#list}}{{b}}{{^c}}{{d.e}}{{/c}}{{/list}}{{{f}}}' }]);
    expect(references).toEqual([
      { message: 0, name: 'a', kind: 'value', within: [] },
      { message: 0, name: 'list', kind: 'section', within: [] },
      { message: 0, name: 'b', kind: 'value', within: ['list'] },
      { message: 0, name: 'c', kind: 'inverted', within: ['list'] },
      { message: 0, name: 'd.e', kind: 'value', within: ['list'] },
      { message: 0, name: 'f', kind: 'value', within: [] },
    ]);
  });
});
