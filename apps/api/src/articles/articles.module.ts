import { Module } from '@nestjs/common';
import { ArticlesRepository } from './articles.repository';
import { ArticlesResolver, SectionsResolver } from './articles.resolver';
import { ArticlesService } from './articles.service';

/** Articles and sections (the content import is articles/content-import.ts, run at start). */
@Module({
  providers: [ArticlesRepository, ArticlesService, ArticlesResolver, SectionsResolver],
  exports: [ArticlesService],
})
export class ArticlesModule {}
