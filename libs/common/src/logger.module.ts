import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { AppConfig } from './app-config';

/**
 * Structured JSON logs (pino). Request logs carry method, url and status only: no bodies, no
 * headers beyond the request id, so personal data never reaches the log.
 */
@Module({
  imports: [
    PinoLoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.LOG_LEVEL,
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          redact: [
            'req.headers',
            '*.applicantIdNumber',
            '*.applicantPhone',
            '*.idNumber',
            '*.phone',
            '*.password',
            '*.accessToken',
          ],
        },
      }),
    }),
  ],
})
export class LoggerModule {}
