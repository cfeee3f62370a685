import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/http/public.decorator';
import { PORTAL_CSS, PORTAL_JS } from './pages/assets';
import { PAGE_HEADERS } from './pages/html';
import type { OpenApiDocument } from './openapi/openapi-document';
import { type PortalPage, PortalService } from './portal.service';
import { type PortalVisitor, PortalVisitors } from './portal-visitor';

/** A signed-in visitor's pages list their workspaces' APIs: no shared cache may keep them. */
const PERSONAL = { 'cache-control': 'private, no-store', vary: 'authorization, x-api-key' };
const personal = (reply: FastifyReply, visitor: PortalVisitor) => (visitor.signedIn ? reply.headers(PERSONAL) : reply.header('vary', 'authorization, x-api-key'));
const send = (reply: FastifyReply, page: PortalPage, visitor: PortalVisitor) => personal(reply, visitor).code(page.status).headers(PAGE_HEADERS).send(page.html);
const asset = (reply: FastifyReply, type: string, body: string) => reply.headers({ 'content-type': type, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' }).send(body);
const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

const SIGNED_IN = 'Optional `Authorization: Bearer <access token or API key>`: a signed-in visitor also sees their workspaces\' APIs';

/**
 * The developer portal: server-rendered pages, OpenAPI 3.1 documents, and the two static assets.
 * Public: anonymous visitors see public APIs; a visitor who presents an admin credential also sees
 * their workspaces' APIs.
 */
@ApiTags('portal')
@Controller('portal')
export class PortalController {
  constructor(
    private readonly service: PortalService,
    private readonly visitors: PortalVisitors,
  ) {}

  private visitor(request: FastifyRequest): Promise<PortalVisitor> {
    return this.visitors.of(request.headers, this.service.workspacesWithProducts());
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'The catalog of published APIs (HTML): public ones, plus the signed-in visitor\'s workspaces\' ones; search (`q`) and a tag filter (`tag`)', description: SIGNED_IN })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'tag', required: false })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  async catalog(@Query('q') q: string | undefined, @Query('tag') tag: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const visitor = await this.visitor(request);
    return send(reply, this.service.catalogPage({ q: typeof q === 'string' ? q : undefined, tag: typeof tag === 'string' ? tag : undefined }, visitor), visitor);
  }

  @Get('openapi.json')
  @Public()
  @ApiOperation({ summary: 'OpenAPI 3.1 document of every published API the visitor may see', description: SIGNED_IN })
  @ApiOkResponse({ description: 'OpenAPI 3.1 (JSON)' })
  async openApi(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<OpenApiDocument> {
    const visitor = await this.visitor(request);
    personal(reply, visitor);
    return this.service.openApi(origin(request), visitor);
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
  @ApiOperation({ summary: "One API's page (HTML): schemas, examples, code samples, try-it console, request access", description: SIGNED_IN })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  @ApiNotFoundResponse({ description: 'No published API with this slug that the visitor may see (HTML page)' })
  async api(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const visitor = await this.visitor(request);
    return send(reply, this.service.apiPage(slug, origin(request), visitor), visitor);
  }

  @Get('apis/:slug/openapi.json')
  @Public()
  @ApiOperation({ summary: 'OpenAPI 3.1 document of one published API the visitor may see', description: SIGNED_IN })
  @ApiOkResponse({ description: 'OpenAPI 3.1 (JSON)' })
  @ApiNotFoundResponse()
  async apiOpenApi(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<OpenApiDocument> {
    const visitor = await this.visitor(request);
    personal(reply, visitor);
    return this.service.openApiFor(slug, origin(request), visitor);
  }
}
