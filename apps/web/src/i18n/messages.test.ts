// Every language says everything, with the same arguments and the plural forms its grammar needs; every
// refusal reason the server can give has a sentence. A key missing in either language fails here.
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { REFUSAL_REASONS } from "@gm/api/client";

import { catalogs, LOCALES } from "./messages";

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** The message's arguments, and for each plural argument the forms it spells out. */
function shape(elements: MessageFormatElement[], args = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) args.set(el.value, args.get(el.value) ?? new Set());
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const forms = args.get(el.value) ?? new Set<string>();
      for (const [form, option] of Object.entries(el.options)) {
        forms.add(form);
        shape(option.value, args);
      }
      args.set(el.value, forms);
    }
  }
  return args;
}

const flat = Object.fromEntries(LOCALES.map((l) => [l, flatten(catalogs[l] as unknown as Tree)]));
const english = flat.en!;

describe("messages", () => {
  it.each(LOCALES)("%s has exactly the English keys", (locale) => {
    const keys = [...flat[locale]!.keys()].sort();
    expect(keys).toEqual([...english.keys()].sort());
  });

  it("has a sentence for every refusal reason, in every language", () => {
    for (const locale of LOCALES) for (const reason of REFUSAL_REASONS) expect(flat[locale]!.has(`refusals.${reason}`), `${locale}: refusals.${reason}`).toBe(true);
  });

  it.each(LOCALES)("%s messages are valid ICU with the English arguments", (locale) => {
    for (const [key, message] of flat[locale]!) {
      const mine = shape(parse(message));
      const theirs = shape(parse(english.get(key)!));
      expect([...mine.keys()].sort(), `${locale}: ${key}`).toEqual([...theirs.keys()].sort());
    }
  });

  it("spells out the plural forms each language needs", () => {
    const needed: Record<string, string[]> = { en: ["one", "other"], ru: ["one", "few", "many", "other"] };
    for (const locale of LOCALES) {
      for (const [key, message] of flat[locale]!) {
        for (const el of parse(message)) {
          if (el.type !== TYPE.plural) continue;
          for (const form of needed[locale]!) expect(Object.keys(el.options), `${locale}: ${key}`).toContain(form);
        }
      }
    }
  });

  it("formats numbers and plurals by the language's rules", () => {
    const ru = createTranslator({ locale: "ru", messages: catalogs.ru });
    const en = createTranslator({ locale: "en", messages: catalogs.en });
    expect(ru("portfolioGifts", { count: 1 })).toBe("1 подарок");
    expect(ru("portfolioGifts", { count: 3 })).toBe("3 подарка");
    expect(ru("portfolioGifts", { count: 5 })).toBe("5 подарков");
    expect(ru("portfolioGifts", { count: 21 })).toBe("21 подарок");
    expect(en("portfolioGifts", { count: 1 })).toBe("1 gift");
    expect(en("portfolioGifts", { count: 1234 })).toBe("1,234 gifts");
    expect(ru("refusals.RATE_LIMITED", { seconds: 2 })).toContain("2 секунды");
  });
});
