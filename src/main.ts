import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Module, Controller, Get } from '@nestjs/common';
@Controller() class H { @Get('healthz') h() { return { status: 'ok' }; } }
@Module({ controllers: [H] }) class M {}
async function main() { const app = await NestFactory.create<NestFastifyApplication>(M, new FastifyAdapter()); await app.listen(3999); console.log('up'); await app.close(); }
void main();
