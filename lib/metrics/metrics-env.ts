import { z } from 'zod';

/**
 * Who may read `/metrics`: without `METRICS_TOKEN`, only this machine (a loopback address, and no proxy in between);
 * with it, anyone presenting `Authorization: Bearer <METRICS_TOKEN>`, from anywhere. Never public by accident.
 */
export const metricsEnvSchema = z.object({
  METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
});

export type MetricsEnv = z.infer<typeof metricsEnvSchema>;
