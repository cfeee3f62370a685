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
import {
  ApiProductDto,
  ApiVersionDto,
  CreateProductDto,
  createProductSchema,
  CreateApiVersionDto,
  createVersionSchema,
  DeprecateDto,
  deprecateSchema,
  RetireDto,
  retireSchema,
  SubmitDto,
  SubmitOutcomeDto,
  submitSchema,
  UpdateApiVersionDto,
  UpdateProductDto,
  updateProductSchema,
  updateVersionSchema,
} from './prompt-apis.dto';
import { PromptApisService } from './prompt-apis.service';
import { VersionNumberPipe } from './version-number.pipe';

const ILLEGAL_MOVE = '`PORTICO_ERR_API_VERSION_INVALID_TRANSITION`: the version is not in a state this move starts from';

@ApiTags('prompt-apis')
@Controller('admin/workspaces/:workspaceId/prompt-apis')
export class PromptApisController {
  constructor(private readonly service: PromptApisService) {}

  @Get()
  @RequirePermission('prompt_apis', 'read')
  @ApiOperation({ summary: "The workspace's API products with their versions" })
  @ApiOkResponse({ type: [ApiProductDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<ApiProductDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Post()
  @RequirePermission('prompt_apis', 'write')
  @ApiOperation({ summary: 'Create an API product (versions are added as drafts)' })
  @ApiCreatedResponse({ type: ApiProductDto })
  @ApiBadRequestResponse({ description: '`PORTICO_ERR_VALIDATION_FAILED`' })
  @ApiConflictResponse({ description: 'The slug is taken in this workspace, or (`PORTICO_ERR_API_PRODUCT_SLUG_TAKEN`) another workspace has a public API with this slug' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateProductDto): Promise<ApiProductDto> {
    return this.service.create(ctx, workspaceId, parseBody(createProductSchema, body));
  }

  @Get(':slug')
  @RequirePermission('prompt_apis', 'read')
  @ApiOperation({ summary: 'One API product with its versions' })
  @ApiOkResponse({ type: ApiProductDto })
  @ApiNotFoundResponse()
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string): Promise<ApiProductDto> {
    return this.service.get(ctx, workspaceId, slug);
  }

  @Patch(':slug')
  @RequirePermission('prompt_apis', 'write')
  @ApiOperation({ summary: 'Change the title, description, tags or visibility of an API product' })
  @ApiOkResponse({ type: ApiProductDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: '`PORTICO_ERR_API_PRODUCT_SLUG_TAKEN`: made public, its slug would clash with another workspace\'s public API' })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Body() body: UpdateProductDto): Promise<ApiProductDto> {
    return this.service.update(ctx, workspaceId, slug, parseBody(updateProductSchema, body));
  }

  @Delete(':slug')
  @HttpCode(204)
  @RequirePermission('prompt_apis', 'write')
  @ApiOperation({ summary: 'Delete an API product whose versions are all drafts or retired' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'A version is in review, published or deprecated' })
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string): Promise<void> {
    return this.service.delete(ctx, workspaceId, slug);
  }

  @Post(':slug/versions')
  @RequirePermission('prompt_apis', 'write')
  @ApiOperation({ summary: 'Add a draft version served by a prompt version, or by a label resolved to one version at submission' })
  @ApiCreatedResponse({ type: ApiVersionDto })
  @ApiUnprocessableEntityResponse({ description: '`PORTICO_ERR_API_VERSION_SOURCE_INVALID`: unknown prompt, version or label' })
  createVersion(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Body() body: CreateApiVersionDto): Promise<ApiVersionDto> {
    return this.service.createVersion(ctx, workspaceId, slug, parseBody(createVersionSchema, body));
  }

  @Get(':slug/versions/:n')
  @RequirePermission('prompt_apis', 'read')
  @ApiOperation({ summary: 'One version of an API product' })
  @ApiOkResponse({ type: ApiVersionDto })
  @ApiNotFoundResponse()
  getVersion(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Param('n', VersionNumberPipe) n: number): Promise<ApiVersionDto> {
    return this.service.getVersion(ctx, workspaceId, slug, n);
  }

  @Patch(':slug/versions/:n')
  @RequirePermission('prompt_apis', 'write')
  @ApiOperation({ summary: "Change a draft version's prompt, prompt version or label, or output" })
  @ApiOkResponse({ type: ApiVersionDto })
  @ApiNotFoundResponse()
  @ApiBadRequestResponse({ description: '`PORTICO_ERR_VALIDATION_FAILED`: both a version and a label, a new prompt without either, or nothing to change' })
  @ApiConflictResponse({ description: '`PORTICO_ERR_API_VERSION_NOT_DRAFT`: the version is in review or past it' })
  @ApiUnprocessableEntityResponse({ description: '`PORTICO_ERR_API_VERSION_SOURCE_INVALID`: unknown prompt, version or label' })
  updateVersion(
    @Ctx() ctx: RequestContext,
    @Param('workspaceId') workspaceId: string,
    @Param('slug') slug: string,
    @Param('n', VersionNumberPipe) n: number,
    @Body() body: UpdateApiVersionDto,
  ): Promise<ApiVersionDto> {
    return this.service.updateVersion(ctx, workspaceId, slug, n, parseBody(updateVersionSchema, body));
  }

  @Delete(':slug/versions/:n')
  @HttpCode(204)
  @RequirePermission('prompt_apis', 'write')
  @ApiOperation({ summary: 'Delete a draft version (its number is not reused)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: '`PORTICO_ERR_API_VERSION_NOT_DRAFT`: the version is in review or past it' })
  deleteVersion(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Param('n', VersionNumberPipe) n: number): Promise<void> {
    return this.service.deleteVersion(ctx, workspaceId, slug, n);
  }

  @Post(':slug/versions/:n/submit')
  @RequirePermission('prompt_apis', 'write')
  @ApiOperation({ summary: 'Submit a draft for publication: it goes in review and files an `api_publication` approval request' })
  @ApiOkResponse({ type: SubmitOutcomeDto, description: 'Published at once: the workspace policy requires no approval' })
  @ApiAcceptedResponse({ type: SubmitOutcomeDto, description: 'In review: `approvalRequest` is the pending request' })
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  @ApiUnprocessableEntityResponse({ description: '`PORTICO_ERR_API_VERSION_SOURCE_INVALID`: the label is gone or split between versions' })
  async submit(
    @Ctx() ctx: RequestContext,
    @Param('workspaceId') workspaceId: string,
    @Param('slug') slug: string,
    @Param('n', VersionNumberPipe) n: number,
    @Body() body: SubmitDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubmitOutcomeDto> {
    const submitted = await this.service.submit(ctx, workspaceId, slug, n, parseBody(submitSchema, body));
    void reply.status(submitted.status);
    return submitted.body;
  }

  @Post(':slug/versions/:n/deprecate')
  @HttpCode(200)
  @RequirePermission('prompt_apis', 'write')
  @ApiOperation({ summary: 'Deprecate a published version: it keeps answering, with `Deprecation` and `Sunset` headers' })
  @ApiOkResponse({ type: ApiVersionDto })
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  @ApiUnprocessableEntityResponse({ description: 'The sunset date is not in the future' })
  deprecate(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Param('n', VersionNumberPipe) n: number, @Body() body: DeprecateDto): Promise<ApiVersionDto> {
    return this.service.deprecate(ctx, workspaceId, slug, n, parseBody(deprecateSchema, body));
  }

  @Post(':slug/versions/:n/retire')
  @HttpCode(200)
  @RequirePermission('prompt_apis', 'write')
  @ApiOperation({ summary: 'Retire a deprecated version: it answers 410 naming its successor' })
  @ApiOkResponse({ type: ApiVersionDto })
  @ApiConflictResponse({ description: ILLEGAL_MOVE })
  @ApiUnprocessableEntityResponse({ description: 'The successor is not another, published version' })
  retire(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('slug') slug: string, @Param('n', VersionNumberPipe) n: number, @Body() body: RetireDto): Promise<ApiVersionDto> {
    return this.service.retire(ctx, workspaceId, slug, n, parseBody(retireSchema, body));
  }
}
