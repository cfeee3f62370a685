import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs-json';

/** Swagger UI at `/docs`, the OpenAPI 3 document at `/docs-json`. */
export function setupSwagger(app: NestFastifyApplication, version: string): void {
  const config = new DocumentBuilder()
    .setTitle('Portico admin and platform API')
    .setDescription(
      'Control plane of Portico, the open-source AI gateway. Authenticate with a bearer token or a Portico API key ' +
        '(the first one is printed once at first start).',
    )
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An access token from POST /auth/login, or a Portico API key' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'A Portico API key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: DOCS_JSON_PATH,
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Portico API',
  });
}
