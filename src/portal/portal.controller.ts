import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/http/public.decorator';
import { PORTAL_CSS, PORTAL_JS } from './pages/assets';
import { PAGE_HEADERS } from './pages/html';
import type { OpenApiDocument } from './openapi/openapi-document';
import { type PortalPage, PortalService } from './portal.service';

const send = (reply: FastifyReply, page: PortalPage) => reply.code(page.status).headers(PAGE_HEADERS).send(page.html);
const asset = (reply: FastifyReply, type: string, body: string) => reply.headers({ 'content-type': type, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' }).send(body);
const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The developer portal: server-rendered pages, OpenAPI 3.1 documents, and the two static assets. */
@ApiTags('portal')
@Controller('portal')
export class PortalController {
  constructor(private readonly service: PortalService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The catalog of public published APIs (HTML), with search (`q`) and a tag filter (`tag`)' })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'tag', required: false })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  catalog(@Query('q') q: string | undefined, @Query('tag') tag: string | undefined, @Res() reply: FastifyReply): FastifyReply {
    return send(reply, this.service.catalogPage({ q: typeof q === 'string' ? q : undefined, tag: typeof tag === 'string' ? tag : undefined }));
  }

  @Get('openapi.json')
  @Public()
  @ApiOperation({ summary: 'OpenAPI 3.1 document of every public published API' })
  @ApiOkResponse({ description: 'OpenAPI 3.1 (JSON)' })
  openApi(@Req() request: FastifyRequest): OpenApiDocument {
    return this.service.openApi(origin(request));
  }

  @Get('assets/portal.css')
  @Public()
  @ApiOperation({ summary: "The portal's stylesheet" })
  @ApiProduces('text/css')
  css(@Res() reply: FastifyReply): FastifyReply {
    return asset(reply, 'text/css; charset=utf-8', PORTAL_CSS);
  }

  @Get('assets/portal.js')
  @Public()
  @ApiOperation({ summary: "The portal's script (try-it console, request access)" })
  @ApiProduces('text/javascript')
  js(@Res() reply: FastifyReply): FastifyReply {
    return asset(reply, 'text/javascript; charset=utf-8', PORTAL_JS);
  }

  @Get('apis/:slug')
  @Public()
  @ApiOperation({ summary: "One API's page (HTML): schemas, examples, code samples, try-it console, request access" })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  @ApiNotFoundResponse({ description: 'No public published API with this slug (HTML page)' })
  api(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return send(reply, this.service.apiPage(slug, origin(request)));
  }

  @Get('apis/:slug/openapi.json')
  @Public()
  @ApiOperation({ summary: 'OpenAPI 3.1 document of one public published API' })
  @ApiOkResponse({ description: 'OpenAPI 3.1 (JSON)' })
  @ApiNotFoundResponse()
  apiOpenApi(@Param('slug') slug: string, @Req() request: FastifyRequest): OpenApiDocument {
    return this.service.openApiFor(slug, origin(request));
  }
}
