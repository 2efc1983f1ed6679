import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { AppConfig, loadConfig, trustProxy } from '@app/common';
import { checkPiiKeys } from '@app/db';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { invalidField } from '@app/cases';
import { deeperThan, MAX_JSON_DEPTH } from './http/json-depth';
import { validationError, validationDetails } from './http/validation-errors';

/** Largest request body accepted, bytes; larger bodies answer 413. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Builds the api application (not listening): Fastify, `/api/v1` prefix, validation that refuses
 * unknown fields, helmet headers, OpenAPI at `/docs`. Used by `main.ts` and by the tests.
 * @throws Error naming PII_KEY when the configured keys cannot read the stored personal data
 */
export async function createApiApp(): Promise<NestFastifyApplication> {
  await checkPiiKeys(loadConfig());
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule,
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: trustProxy(loadConfig().TRUST_PROXY) }),
    // Fastify's own JSON parser only: no form bodies (415), so a cross-site HTML form cannot post
    // to the api, sign-in included.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => validationError(validationDetails(errors)),
    }),
  );
  await app.register(helmet, { contentSecurityPolicy: false });
  const config = app.get(AppConfig);
  await app.register(multipart, {
    limits: { fileSize: config.SCAN_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024 },
  });
  if (config.CORS_ORIGINS) app.enableCors({ origin: config.CORS_ORIGINS.split(',').map((o) => o.trim()) });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request, _reply, done) => {
      const tooDeep = deeperThan(request.body, MAX_JSON_DEPTH);
      done(tooDeep ? invalidField('body', `must not nest deeper than ${MAX_JSON_DEPTH} levels`) : undefined);
    });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Proxy acceptance (异地代收代办) API')
      .setDescription('Receive at a window, forward to the home jurisdiction, follow every step.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  app.enableShutdownHooks();
  return app;
}
