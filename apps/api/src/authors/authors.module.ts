import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuthorKeys } from './author-keys';
import { AuthorKeysRepository } from './author-keys.repository';
import { AuthorKeysResolver } from './author-keys.resolver';

/** Author keys Steady issued, their standing and write limits. AuthorCrypto (the server secret) comes from the app. */
@Module({
  imports: [ArticlesModule],
  providers: [AuthorKeysRepository, AuthorKeys, AuthorKeysResolver],
  exports: [AuthorKeys],
})
export class AuthorsModule {}
