import { Module } from '@nestjs/common';
import { SafetyResolver } from './safety.resolver';

/** The safety resources (content/resources.md); the list itself comes from the app (RESOURCES). */
@Module({ providers: [SafetyResolver] })
export class SafetyModule {}
