import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readEnv } from "./index";

const shape = { PORT: z.coerce.number().int().default(3000), NAME: z.string().optional() };

describe("readEnv", () => {
  it("applies defaults and treats an empty string as unset", () => {
    expect(readEnv("test", shape, { PORT: "", NAME: "" })).toMatchObject({ PORT: 3000, NAME: undefined });
  });
  it("names every bad variable", () => {
    expect(() => readEnv("test", { PORT: z.coerce.number().int(), MODE: z.enum(["a", "b"]) }, { PORT: "x", MODE: "c" })).toThrow(/Invalid test configuration: PORT: .*; MODE: /);
  });
});
