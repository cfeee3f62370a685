import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, RequirePermission } from '../auth/decorators';
import type { RequestContext } from '../auth/principal';
import { parseBody } from '../common/http/problems';
import { DeprecateDto, deprecateSchema, RetireDto, retireSchema, SubmitDto, submitSchema } from '../prompt-apis/prompt-apis.dto';
import { VersionNumberPipe } from '../prompt-apis/version-number.pipe';
import {
  CreateRestApiDto,
  createRestApiSchema,
  CreateRestVersionDto,
  createRestVersionSchema,
  RestApiDto,
  RestSubmitOutcomeDto,
  RestVersionDto,
  UpdateRestApiDto,
  updateRestApiSchema,
} from './rest-apis.dto';
import { RestApisService } from './rest-apis.service';

const ILLEGAL_MOVE = '`PORTICO_ERR_API_VERSION_INVALID_TRANSITION`: the version is not in a state this move starts from';
const BAD_DOCUMENT = '`PORTICO_ERR_OPENAPI_INVALID`: the OpenAPI document failed validation; `details.issues` lists each problem the parser found';

@ApiTags('rest-apis')
@Controller('admin/workspaces/:workspaceId/rest-apis')
export class RestApisController {
  constructor(private readonly service: RestApisService) {}

  @Get()
  @RequirePermission('rest_apis', 'read')
  @ApiOperation({ summary: "The workspace's REST APIs with their versions" })
  @ApiOkResponse({ type: [RestApiDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<RestApiDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Post()
  @RequirePermission('rest_apis', 'write')
  @ApiOperation({ summary: 'Register a REST upstream with its OpenAPI 3.0/3.1 document (version 1, a draft)' })
  @ApiCreatedResponse({ type: RestApiDto })
  @ApiBadRequestResponse({ description: '`PORTICO_ERR_VALIDATION_FAILED`' })
  @ApiConflictResponse({ description: 'The slug is taken by an API product of this workspace' })
  @ApiUnprocessableEntityResponse({ description: BAD_DOCUMENT })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateRestApiDto): Promise<RestApiDto> {
    return this.service.create(ctx, workspaceId, parseBody(createRestApiSchema, body));
  }

  @Get(':slug')
  @RequirePermission('rest_apis', 'read')
  @ApiOperation({ summary: 'One REST API with its versions' })
  @ApiOkResponse({ type: RestApiDto })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string): Promise<RestApiDto> {
    return this.service.get(ctx, workspaceId, slug);
  }

  @Patch(':slug')
  @RequirePermission('rest_apis', 'write')
  @ApiOperation({ summary: 'Change the title, description, tags, visibility or upstream credential of a REST API' })
  @ApiOkResponse({ type: RestApiDto })
  @ApiNotFoundResponse()
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Body() body: UpdateRestApiDto): Promise<RestApiDto> {
    return this.service.update(ctx, workspaceId, slug, parseBody(updateRestApiSchema, body));
  }

  @Delete(':slug')
  @HttpCode(204)
  @RequirePermission('rest_apis', 'write')
  @ApiOperation({ summary: 'Delete a REST API whose versions are all drafts or retired (its subscriptions go with it)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'A version is in review, published or deprecated' })
  async delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string): Promise<void> {
    await this.service.delete(ctx, workspaceId, slug);
  }

  @Post(':slug/versions')
  @RequirePermission('rest_apis', 'write')
  @ApiOperation({ summary: 'Add a version (a draft) with its own OpenAPI document and, optionally, another upstream' })
  @ApiCreatedResponse({ type: RestVersionDto })
  @ApiUnprocessableEntityResponse({ description: BAD_DOCUMENT })
  createVersion(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Body() body: CreateRestVersionDto): Promise<RestVersionDto> {
    return this.service.createVersion(ctx, workspaceId, slug, parseBody(createRestVersionSchema, body));
  }

  @Get(':slug/versions/:n')
  @RequirePermission('rest_apis', 'read')
  @ApiOperation({ summary: 'One version of a REST API, with its OpenAPI document' })
  @ApiOkResponse({ type: RestVersionDto })
  @ApiNotFoundResponse()
  getVersion(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Param('n', VersionNumberPipe) n: number): Promise<RestVersionDto> {
    return this.service.getVersion(ctx, workspaceId, slug, n);
  }

  @Post(':slug/versions/:n/submit')
  @RequirePermission('rest_apis', 'write')
  @ApiOperation({ summary: 'Submit a draft for publication: it goes in review and files a `rest_api_publication` approval request' })
  @ApiOkResponse({ type: RestSubmitOutcomeDto, description: 'Published at once: the workspace policy requires no approval' })
  @ApiAcceptedResponse({ type: RestSubmitOutcomeDto, description: 'In review: `approvalRequest` is the pending request' })
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  async submit(
    @Ctx() ctx: RequestContext,
    @Param('workspaceId') workspaceId: string,
    @Param('slug') slug: string,
    @Param('n', VersionNumberPipe) n: number,
    @Body() body: SubmitDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RestSubmitOutcomeDto> {
    const submitted = await this.service.submit(ctx, workspaceId, slug, n, parseBody(submitSchema, body));
    void reply.status(submitted.status);
    return submitted.body;
  }

  @Post(':slug/versions/:n/deprecate')
  @HttpCode(200)
  @RequirePermission('rest_apis', 'write')
  @ApiOperation({ summary: 'Deprecate a published version: it keeps answering, with `Deprecation` and `Sunset` headers' })
  @ApiOkResponse({ type: RestVersionDto })
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  @ApiUnprocessableEntityResponse({ description: 'The sunset date is not in the future' })
  deprecate(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Param('n', VersionNumberPipe) n: number, @Body() body: DeprecateDto): Promise<RestVersionDto> {
    return this.service.deprecate(ctx, workspaceId, slug, n, parseBody(deprecateSchema, body));
  }

  @Post(':slug/versions/:n/retire')
  @HttpCode(200)
  @RequirePermission('rest_apis', 'write')
  @ApiOperation({ summary: 'Retire a deprecated version: it answers 410 naming its successor' })
  @ApiOkResponse({ type: RestVersionDto })
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  @ApiUnprocessableEntityResponse({ description: 'The successor is not another, published version' })
  retire(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Param('n', VersionNumberPipe) n: number, @Body() body: RetireDto): Promise<RestVersionDto> {
    return this.service.retire(ctx, workspaceId, slug, n, parseBody(retireSchema, body));
  }
}
