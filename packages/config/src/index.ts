// One way to read configuration, for every package and app: a zod shape per package, checked with
// @t3-oss/env-core (empty strings count as unset; a bad value stops the process with every problem
// named). Each package keeps its shape in its own env.ts; this is only how they are read.
import { createEnv } from "@t3-oss/env-core";
import type { z } from "zod";

export function readEnv<Shape extends Record<string, z.ZodType>>(what: string, shape: Shape, env: NodeJS.ProcessEnv = process.env): { [K in keyof Shape]: z.output<Shape[K]> } {
  return createEnv({
    server: shape,
    runtimeEnv: env,
    emptyStringAsUndefined: true,
    isServer: true,
    onValidationError(issues) {
      const lines = issues.map((i) => {
        const key = i.path?.map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".");
        return key ? `${key}: ${i.message}` : i.message;
      });
      throw new Error(`Invalid ${what} configuration: ${lines.join("; ")}`);
    },
  }) as { [K in keyof Shape]: z.output<Shape[K]> };
}
