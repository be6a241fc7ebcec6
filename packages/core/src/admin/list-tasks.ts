// admin.tasks: each background task's last runs, failures and schedule, across worker instances.
import { z } from "zod";
import { query } from "../common/use-case";
import { createTaskStateRepository } from "../tasks/task-state-repository";
import { tasksOutput } from "./schemas";

export const listTasks = query({
  input: z.void(),
  output: tasksOutput,
  run: ({ db }) => createTaskStateRepository(db).list(),
});
