import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from '../common/http/problems';

/** `:n` of `…/versions/:n`: a positive integer (optionally written `v3`); anything else names no version. */
@Injectable()
export class VersionNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const match = /^v?([1-9][0-9]{0,8})$/.exec(value);
    if (!match) throw notFound('API version');
    return Number(match[1]);
  }
}
