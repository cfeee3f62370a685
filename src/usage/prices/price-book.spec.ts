import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChangeBus, ChangeEvent, ChangeTopic } from '../../common/change-bus/change-bus';
import type { Price } from './price';
import { PriceBook, type PriceSource } from './price-book';
import { price } from './__fixtures__/price.fixture';

const WS = 'ws-a';
const OTHER = 'ws-b';
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

class FakeBus implements ChangeBus {
  readonly handlers = new Map<ChangeTopic | 'resync', Array<(event: ChangeEvent) => void | Promise<void>>>();
  subscribe(topic: ChangeTopic, handler: (event: ChangeEvent) => void | Promise<void>) {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
    return () => undefined;
  }
  onResync(handler: () => void | Promise<void>) {
    return this.subscribe('resync' as ChangeTopic, handler);
  }
  async emit(topic: ChangeTopic | 'resync', event: Partial<ChangeEvent> = {}) {
    await Promise.all((this.handlers.get(topic) ?? []).map((handler) => handler({ topic: topic as ChangeTopic, ...event })));
  }
}

class MemorySource implements PriceSource {
  rows: Price[] = [];
  loads: Array<readonly string[] | undefined> = [];
  async loadVersions(workspaceIds?: readonly string[]) {
    this.loads.push(workspaceIds);
    return this.rows.filter((row) => (workspaceIds ? row.workspaceId !== null && workspaceIds.includes(row.workspaceId) : true));
  }
}

async function bookWith(rows: Price[]) {
  const source = new MemorySource();
  source.rows = rows;
  const bus = new FakeBus();
  const book = new PriceBook(source, bus, pino({ level: 'silent' }));
  await book.start();
  return { book, source, bus };
}

describe('PriceBook.priceAt', () => {
  const v2025 = price({ id: 'default-2025', inputPerMTok: 1, effectiveFrom: day('2025-01-01') });
  const v2026 = price({ id: 'default-2026', inputPerMTok: 2, effectiveFrom: day('2026-01-01') });

  it('answers the latest version in force at the given time', async () => {
    const { book } = await bookWith([v2026, v2025]);
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2024-12-31'))).toBeUndefined();
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2025-01-01'))?.id).toBe('default-2025');
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2025-12-31'))?.id).toBe('default-2025');
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2026-03-01'))?.id).toBe('default-2026');
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o', day('2026-03-01'))).toBeUndefined();
  });

  it("prefers the workspace's own version in force, else falls back to the default", async () => {
    const override = price({ id: 'negotiated', workspaceId: WS, inputPerMTok: 0.5, effectiveFrom: day('2025-06-01') });
    const { book } = await bookWith([v2025, v2026, override]);
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2025-03-01'))?.id).toBe('default-2025');
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2025-07-01'))?.id).toBe('negotiated');
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2026-07-01'))?.id).toBe('negotiated');
    expect(book.priceAt(OTHER, 'provider-openai', 'gpt-4o-mini', day('2025-07-01'))?.id).toBe('default-2025');
  });

  it('breaks a tie on effectiveFrom by the later-created version', async () => {
    const later = price({ id: 'correction', createdAt: day('2025-02-01'), effectiveFrom: day('2025-01-01') });
    const { book } = await bookWith([later, v2025]);
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2025-03-01'))?.id).toBe('correction');
  });

  it('reloads one workspace on its change, everything on a default change or resync', async () => {
    const { book, source, bus } = await bookWith([v2025]);
    source.rows.push(price({ id: 'ws-version', workspaceId: WS, effectiveFrom: day('2025-02-01') }));
    await bus.emit('prices', { workspaceId: WS });
    expect(source.loads.at(-1)).toEqual([WS]);
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2025-03-01'))?.id).toBe('ws-version');
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2025-01-15'))?.id).toBe('default-2025');

    source.rows.push(v2026);
    await bus.emit('prices');
    expect(source.loads.at(-1)).toBeUndefined();
    expect(book.priceAt(OTHER, 'provider-openai', 'gpt-4o-mini', day('2026-03-01'))?.id).toBe('default-2026');

    source.rows = [v2025];
    await bus.emit('resync');
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini', day('2025-03-01'))?.id).toBe('default-2025');
  });

  it('keeps the previous book when a reload fails', async () => {
    const { book, source, bus } = await bookWith([v2025]);
    source.loadVersions = async () => {
      throw new Error('database down');
    };
    await bus.emit('prices');
    expect(book.priceAt(WS, 'provider-openai', 'gpt-4o-mini')?.id).toBe('default-2025');
  });
});
