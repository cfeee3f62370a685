import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CHANGE_BUS, type ChangeBus } from '../../common/change-bus/change-bus';
import { PINO_LOGGER } from '../../runtime.tokens';
import { PriceBook } from './price-book';
import { DefaultPricesController, WorkspacePricesController } from './prices.controller';
import { PricesRepository } from './prices.repository';
import { PricesService } from './prices.service';

@Injectable()
class PriceBookLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PriceBook) private readonly book: PriceBook) {}

  onApplicationShutdown(): void {
    this.book.stop();
  }
}

/**
 * Model prices: the admin API (`/admin/workspaces/:id/prices`, `/admin/prices`) and `PriceBook`,
 * the in-memory table the data plane prices calls with (`priceAt` + `costOf`).
 */
@Module({
  controllers: [WorkspacePricesController, DefaultPricesController],
  providers: [
    PricesRepository,
    PricesService,
    {
      provide: PriceBook,
      useFactory: async (repository: PricesRepository, changes: ChangeBus, logger: Logger) => {
        const book = new PriceBook(repository, changes, logger.child({ component: 'prices' }));
        await book.start();
        return book;
      },
      inject: [PricesRepository, CHANGE_BUS, PINO_LOGGER],
    },
    PriceBookLifecycle,
  ],
  exports: [PriceBook],
})
export class PricesModule {}
