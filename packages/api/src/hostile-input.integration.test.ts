// Every procedure, called over HTTP with inputs a hostile client would send, generated from the
// procedure's own input schema: right shapes with values at and past every bound (bigints past BIGINT,
// ints past int4, NUL characters, huge strings, extreme dates, unknown keys) and random junk. Whatever
// comes in, the answer is a 4xx with a short message a person can read — never a 5xx — and the books
// still close.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import fc from "fast-check";
import superjson from "superjson";
import type { z } from "zod";
import { checkLedger } from "@gm/core";
import { createGiftWithNfts, createUser } from "@gm/core/testing";
import { startHarness, telegramUser, type Harness } from "./testing/harness";
import { appRouter } from "./router";

let h: Harness;
const admin = telegramUser({ firstName: "Fuzzer" });
let authorization = "";

beforeAll(async () => {
  h = await startHarness({ adminIds: new Set([admin.id]) });
  authorization = `tma ${h.initData(admin)}`;
  // Something real for ids to hit: a user with money, a listed gift.
  const seller = await createUser(h.db.prisma, { available: 10n ** 12n });
  await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 10n ** 9n, count: 3 });
  await h.client(admin).auth.me.query();
});
afterAll(async () => {
  await h?.close();
});

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: z.ZodType[] } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures);

// ---- arbitraries from a zod schema ------------------------------------------------------------------

const INT4 = 2 ** 31;
const INT8 = 2n ** 63n;
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("", " ", "\u0000", "abc\u0000def", "\ud800", "'; DROP TABLE users; --", "%00", "../../etc/passwd", "😀".repeat(30)),
  fc.string({ minLength: 8, maxLength: 40 }).map((s) => `${s}\u0000`),
  fc.constant("x".repeat(10_000)),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, INT4 - 1, INT4, INT4 + 1, -INT4 - 1, 2 ** 53, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, 0.5, Number.NaN, Infinity, -Infinity),
  fc.double(),
);
const hostileBigint = fc.oneof(
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.bigInt({ min: 1n, max: 10n ** 12n }),
  fc.constantFrom(0n, -1n, 1n, INT8 - 1n, INT8, INT8 + 1n, -INT8, -INT8 - 1n, 2n ** 64n, 10n ** 30n, BigInt(INT4), 10n ** 9n),
);
const hostileDate = fc.oneof(
  fc.date({ noInvalidDate: true }),
  fc.constantFrom(new Date(8.64e15), new Date(-8.64e15), new Date(0), new Date(253402300799999), new Date(-62198755200000)),
);
const junk = fc.oneof(
  fc.constantFrom(null, undefined, true, [], {}, "", 0),
  hostileString,
  hostileNumber,
  hostileBigint,
  hostileDate,
  fc.array(fc.jsonValue().filter((v) => !JSON.stringify(v)?.includes("__proto__")), { maxLength: 5 }),
  // (__proto__ keys are sent raw below: superjson refuses to serialize them on the client)
  fc.dictionary(fc.string({ maxLength: 10 }).filter((k) => k !== "__proto__"), fc.jsonValue(), { maxKeys: 5 }),
);
/** Hundreds of keys the schema does not know. */
const unknownKeys = fc.integer({ min: 1, max: 500 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`unknown_${i}`, i])));

type Def = { type: string; [k: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

function arbitraryFor(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const typed = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case "string":
        return hostileString;
      case "number":
      case "int":
        return hostileNumber;
      case "bigint":
        return hostileBigint;
      case "boolean":
        return fc.boolean();
      case "date":
        return hostileDate;
      case "enum":
        return fc.oneof(fc.constantFrom(...Object.values(def.entries as Record<string, string>)), hostileString);
      case "literal":
        return fc.constantFrom(...(def.values as unknown[]));
      case "array":
        return fc.oneof(
          fc.array(arbitraryFor(def.element, depth + 1), { maxLength: 5 }),
          fc.array(arbitraryFor(def.element, depth + 1), { minLength: 90, maxLength: 600 }),
        );
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "readonly":
      case "nonoptional":
      case "catch":
        return fc.oneof(fc.constant(undefined), arbitraryFor(def.innerType, depth + 1));
      case "pipe":
        return arbitraryFor(def.in, depth + 1);
      case "union":
        return fc.oneof(...(def.options as unknown[]).map((o) => arbitraryFor(o, depth + 1)));
      case "object": {
        const shape = def.shape as Record<string, unknown>;
        const fields = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, arbitraryFor(v, depth + 1)]));
        const record = fc.record(fields, { requiredKeys: [] });
        return fc.oneof(
          { weight: 6, arbitrary: record },
          { weight: 1, arbitrary: fc.tuple(record, unknownKeys).map(([r, extra]) => ({ ...extra, ...r })) },
        );
      }
      default:
        return junk;
    }
  })();
  // Now and then anything at all in place of the right type.
  return depth > 3 ? typed : fc.oneof({ weight: 9, arbitrary: typed }, { weight: 1, arbitrary: junk });
}

// ---- calling over HTTP as any client could ------------------------------------------------------------

interface Answer {
  status: number;
  message?: string;
  code?: string;
}

async function call(path: string, type: "query" | "mutation", input: unknown, auth = authorization): Promise<Answer> {
  let encoded: string;
  try {
    encoded = JSON.stringify(superjson.serialize(input));
  } catch {
    // superjson will not serialize prototype-polluting keys; such bodies are sent raw in "hostile transport".
    fc.pre(false);
    return { status: 0 };
  }
  const res =
    type === "query"
      ? await fetch(`${h.url}/api/trpc/${path}?input=${encodeURIComponent(encoded)}`, { headers: { authorization: auth } })
      : await fetch(`${h.url}/api/trpc/${path}`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: encoded });
  const body = (await res.json().catch(() => null)) as { error?: { json?: { message?: string; data?: { code?: string } } } } | null;
  return { status: res.status, message: body?.error?.json?.message, code: body?.error?.json?.data?.code };
}

/** A refusal a person can read: short, a sentence, nothing from inside the server. */
function expectReadable(answer: Answer, context: string) {
  if (answer.status < 400) return;
  // Node itself refuses an oversized URL or header before any of our code runs, without a body.
  if (answer.status === 414 || answer.status === 431) return;
  expect(answer.message, context).toBeTypeOf("string");
  const message = answer.message!;
  expect(message.length, `${context}: message too long: ${message.slice(0, 200)}…`).toBeLessThanOrEqual(400);
  expect(message, context).not.toMatch(/prisma|invocation|\bat \S+:\d+|SELECT |INSERT |violates|syntax error|\bundefined\b|\[object /i);
  expect(message.split("\n").length, context).toBeLessThanOrEqual(3);
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

describe.each(procedures.filter(([, p]) => p._def.type !== "subscription"))("%s with hostile input", (path, procedure) => {
  const schema = procedure._def.inputs[0];
  it("answers 4xx with a readable message, never 5xx", async () => {
    const arbitrary = schema ? fc.oneof({ weight: 8, arbitrary: arbitraryFor(schema) }, { weight: 1, arbitrary: junk }) : junk;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        const answer = await call(path, procedure._def.type as "query" | "mutation", input);
        const context = `${path}(${superjson.stringify(input).slice(0, 300)}) → ${answer.status} ${answer.message ?? ""}`;
        expect(answer.status, context).toBeLessThan(500);
        expectReadable(answer, context);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});

describe("hostile transport", () => {
  it("answers broken JSON, a wrong method and a huge query string with 4xx", async () => {
    const post = await fetch(`${h.url}/api/trpc/listing.buy`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: "{not json" });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.status).toBeLessThan(500);
    const get = await fetch(`${h.url}/api/trpc/listing.buy`, { headers: { authorization } });
    expect(get.status).toBeLessThan(500);
    const missing = await fetch(`${h.url}/api/trpc/no.such.procedure`, { headers: { authorization } });
    expect(missing.status).toBe(404);
    const notSuperjson = await fetch(`${h.url}/api/trpc/market.nft?input=${encodeURIComponent('{"json":{"id":{"$bigint":"1"}},"meta":{"values":{"id":["bigint"]}}}')}`, { headers: { authorization } });
    expect(notSuperjson.status).toBeLessThan(500);
    const proto = await fetch(`${h.url}/api/trpc/admin.adjustBalance`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: '{"json":{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"idempotencyKey":"proto-pollution-1"}}',
    });
    expect(proto.status).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("leaves the books exact after all of it", async () => {
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });
});

// ---- init data whose signature is valid but whose content is not ------------------------------------

/** Signs any fields the way Telegram does (HMAC-SHA256 keyed by HMAC("WebAppData", token)). */
function signFields(fields: Record<string, string>, token: string): string {
  const secret = createHmac("sha256", "WebAppData").update(token).digest();
  const checkString = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join("\n");
  const hash = createHmac("sha256", secret).update(checkString).digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}

describe("init data with a valid signature over malformed content", () => {
  const userField = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom("{", "null", "[]", '"text"', "{}", '{"id":"x"}', '{"id":1e30,"first_name":"A"}', '{"id":-5,"first_name":"A"}'),
    fc.record({ id: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(2 ** 64)), first_name: fc.oneof(fc.string(), fc.integer(), fc.constant("a\u0000b")) }, { requiredKeys: [] }).map((u) => JSON.stringify(u)),
  );
  const fields = fc.record(
    {
      user: userField,
      auth_date: fc.oneof(fc.constant(String(Math.floor(Date.now() / 1000))), fc.string({ maxLength: 12 }), fc.constant("1e400")),
      signature: fc.string({ maxLength: 20 }),
      query_id: fc.string({ maxLength: 20 }),
      chat_type: fc.string({ maxLength: 10 }),
    },
    { requiredKeys: ["auth_date"] },
  );

  it("answers 401 with a readable message, never 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fields, async (f) => {
        const answer = await call("auth.me", "query", undefined, `tma ${signFields(f, h.rt.config.botToken)}`);
        const context = `init data ${JSON.stringify(f).slice(0, 300)} → ${answer.status} ${answer.message ?? ""}`;
        expect(answer.status, context).toBeLessThan(500);
        if (answer.status !== 200) expect(answer.status, context).toBe(401);
        expectReadable(answer, context);
      }),
      { numRuns: RUNS * 3, endOnFailure: true },
    );
  });

  it("refuses a user that is not JSON and init data without a signature field", async () => {
    const now = String(Math.floor(Date.now() / 1000));
    const notJson = await call("auth.me", "query", undefined, `tma ${signFields({ user: "{not json", auth_date: now, signature: "x" }, h.rt.config.botToken)}`);
    expect(notJson).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    const unsigned = await call("auth.me", "query", undefined, `tma ${signFields({ user: JSON.stringify({ id: 77, first_name: "A" }), auth_date: now }, h.rt.config.botToken)}`);
    expect(unsigned.status).toBeLessThan(500);
  });
});
