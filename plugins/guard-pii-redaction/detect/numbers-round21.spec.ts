import { describe, expect, it } from 'vitest';
import { foundIn } from './testing/pattern-detections.js';

describe('round 21 B: "#" for a person\'s own number, `کال` only as a word', () => {
  it.each<[string, string]>([
    ['new phone, my # is (508) 331-7420 from today', '(508) 331-7420'],
    ['grab his cell # 917-402-6618 before he leaves', '917-402-6618'],
    ['اگر مشکلی بود با 0915 482 3317 تماس بگیرید', '0915 482 3317'],
    ['مسئلہ ہو تو 0333 7281946 پر کال کریں', '0333 7281946'],
  ])('finds the phone in %s', (text, value) => {
    expect(foundIn(text)).toContainEqual(['PHONE', value]);
  });

  it.each([
    'my order # 5085550142 has not shipped yet',
    'Ticket #9174026618 reopened by the customer.',
    'سفارش دیجی‌کالا 613204987 هنوز ارسال نشده',
    'شماره پیگیری 702918364 برای بسته شما',
    'کالج کا داخلہ نمبر 5120394 ہے',
  ])('finds no phone in %s', (text) => {
    expect(foundIn(text).filter(([label]) => label === 'PHONE')).toEqual([]);
  });
});
