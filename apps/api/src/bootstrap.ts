import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { useContainer } from 'class-validator';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { AppConfig, FileStorage, loadConfig, trustProxy } from '@app/common';
import { checkPiiKeys } from '@app/db';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { DocumentViews, invalidField } from '@app/cases';
import { loadDocumentFont } from '@app/documents';
import { deeperThan, MAX_JSON_DEPTH } from './http/json-depth';
import { validationError, validationDetails } from './http/validation-errors';
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH } from './http/framework-errors';
import { bodyIsNotJson, SEND_JSON } from './http/json-only';
import { CONSOLE_ROUTES, registerConsole } from './console/console-setup';
import { registerQueueBoard } from './queue-board/queue-board';

export { SEND_JSON };

/**
 * Bodies are JSON (scans: multipart, their own parser): any other content type, a form post or
 * plain text included, answers 415 saying to send JSON, before a route reads it. Fastify's
 * default text/plain parser is dropped so plain text is refused the same way. (The console's form
 * posts, under `/console/` only, have their own parser: registerConsole.)
 */
function refuseBodiesThatAreNotJson(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    done(bodyIsNotJson(request), undefined);
  });
}

/** Largest request body accepted, bytes; larger bodies answer 413. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Builds the api application (not listening): Fastify, `/api/v1` prefix, validation that refuses
 * unknown fields, helmet headers, OpenAPI at `/docs`. Used by `main.ts` and by the tests.
 * @throws Error when STORAGE_DIR cannot take files (FileStorage.checkWritable)
 * @throws Error naming DOCUMENT_FONT_PATH when the documents' font cannot be read or lacks a glyph they need
 * @throws Error naming PII_KEY when the configured keys cannot read the stored personal data
 */
export async function createApiApp(): Promise<NestFastifyApplication> {
  await checkPiiKeys(loadConfig());
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule,
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      trustProxy: trustProxy(loadConfig().TRUST_PROXY),
      // Errors Fastify and Node answer before Nest sees the request, in the one error shape.
      routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
      frameworkErrors,
      clientErrorHandler,
    }),
    // Fastify's own JSON parser only: no form bodies (415), so a cross-site HTML form cannot post
    // to the api, sign-in included.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  // The console's pages live beside the api, not under its prefix.
  app.setGlobalPrefix('api/v1', { exclude: CONSOLE_ROUTES });
  // Validators that read the database (KnownItemCode) come from Nest's container.
  useContainer(app.select(ApiModule), { fallbackOnErrors: true });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // Keep each error's value (Nest drops it from errors with children): validationDetails tells
      // a missing field from a wrong one by it. The values never reach the answer.
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => validationError(validationDetails(errors)),
    }),
  );
  await app.register(helmet, { contentSecurityPolicy: false });
  const config = app.get(AppConfig);
  // Uploads must have somewhere to go: refuse to start rather than fail every scan.
  await app.get(FileStorage).checkWritable();
  // The PDF documents need their font: refuse to start rather than fail every document.
  loadDocumentFont(app.get(DocumentViews).renderOptions.font);
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
  refuseBodiesThatAreNotJson(app);
  // The queue dashboard first: its scope registers a view engine of its own before the console's.
  await registerQueueBoard(app);
  await registerConsole(app);
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
