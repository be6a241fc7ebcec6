// admin.settings: the platform's settings as they apply now.
import { z } from "zod";
import { query } from "../common/use-case";
import { settingsRepository } from "./settings-repository";
import { settingsOutput } from "./schemas";

export const getSettings = query({
  input: z.void(),
  output: settingsOutput,
  run: ({ db }) => settingsRepository.get(db),
});
