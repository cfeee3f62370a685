import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { BudgetDto, CreateBudgetDto, createBudgetSchema, UpdateBudgetDto, updateBudgetSchema } from './budgets.dto';
import { BudgetsService } from './budgets.service';

@ApiTags('budgets')
@Controller('admin/workspaces/:workspaceId/budgets')
export class BudgetsController {
  constructor(private readonly service: BudgetsService) {}

  @Get()
  @RequirePermission('budgets', 'read')
  @ApiOperation({ summary: "The workspace's budgets with their current consumption" })
  @ApiOkResponse({ type: [BudgetDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<BudgetDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Post()
  @RequirePermission('budgets', 'write')
  @ApiOperation({ summary: 'Add a budget (USD per day, month or total) on the workspace, a service account, a user or an API key' })
  @ApiCreatedResponse({ type: BudgetDto })
  @ApiConflictResponse({ description: 'The subject already has a budget of this period' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown subject, or the budget would break nesting (key ≤ owner ≤ workspace)' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateBudgetDto): Promise<BudgetDto> {
    return this.service.create(ctx, workspaceId, parseBody(createBudgetSchema, body));
  }

  @Get(':id')
  @RequirePermission('budgets', 'read')
  @ApiOperation({ summary: 'One budget and its consumption in the current period' })
  @ApiOkResponse({ type: BudgetDto })
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string): Promise<BudgetDto> {
    return this.service.get(ctx, workspaceId, id);
  }

  @Patch(':id')
  @RequirePermission('budgets', 'write')
  @ApiOperation({ summary: 'Change the limit, the alert thresholds or enable/disable a budget' })
  @ApiOkResponse({ type: BudgetDto })
  @ApiUnprocessableEntityResponse({ description: 'The change would break nesting' })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string, @Body() body: UpdateBudgetDto): Promise<BudgetDto> {
    return this.service.update(ctx, workspaceId, id, parseBody(updateBudgetSchema, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('budgets', 'write')
  @ApiOperation({ summary: 'Remove a budget' })
  @ApiNoContentResponse()
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('id') id: string): Promise<void> {
    return this.service.delete(ctx, workspaceId, id);
  }
}
