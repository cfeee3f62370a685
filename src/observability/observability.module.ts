import { Module } from '@nestjs/common';

/** Prometheus `GET /metrics` and OpenTelemetry traces (#6). */
@Module({})
export class ObservabilityModule {}
