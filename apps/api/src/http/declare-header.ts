import { ApiHeader, type ApiHeaderOptions } from '@nestjs/swagger';

/**
 * A parameter decorator that declares the header `options` names on the OpenAPI operation of the
 * decorated handler: a custom param decorator that reads a header passes it to createParamDecorator,
 * so the route needs no @ApiHeader beside it and the header is declared once.
 */
export const declareHeader =
  (options: ApiHeaderOptions): ParameterDecorator =>
  (target, method) => {
    if (method === undefined) return;
    const handler = Object.getOwnPropertyDescriptor(target, method);
    if (handler) ApiHeader(options)(target, method, handler);
  };
