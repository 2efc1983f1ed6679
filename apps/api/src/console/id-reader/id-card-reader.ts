import { Injectable } from '@nestjs/common';
import { mod11CheckCharacter } from '../../http/resident-id';

/** What a second-generation resident ID card (居民身份证, GB 11643 number) holds, as a reader gives it. */
export interface IdCard {
  name: string;
  /** 男 or 女. */
  sex: string;
  ethnicity: string;
  /** `yyyy-mm-dd`. */
  birthDate: string;
  address: string;
  /** 18 characters with its MOD 11-2 check character. */
  idNumber: string;
  /** 签发机关. */
  issuedBy: string;
  /** `yyyy-mm-dd`. */
  validFrom: string;
  /** `yyyy-mm-dd`, or 长期. */
  validTo: string;
}

/**
 * The window's ID-card reader (身份证阅读器). Real readers sit on the counter's PC behind a local
 * agent (a vendor's HTTP or WebSocket service on localhost); the console's CSP lets the page talk
 * to its own origin only, so the page asks the api (`/console/staff/id-reader/read`) and the api
 * asks this provider. A deployment binds a class that reaches its readers (for instance through
 * the counter's agent, addressed by the signed-in clerk's window) in ConsoleModule in place of
 * the stand-in.
 */
export abstract class IdCardReader {
  /**
   * Reads the card on the reader of window `windowCode` once.
   * @throws Error no card on the reader, or the reader cannot be reached
   */
  abstract read(windowCode: string): Promise<IdCard>;
}

/** The invented people the stand-in's cards belong to, in turn: no real person's data. */
const STAND_IN_PEOPLE = [
  { name: '程远航', sex: '男', birth: '19880614', seq: '135', address: '浙江省舟山市定海区环城南路 8 号' },
  { name: '苏映雪', sex: '女', birth: '19920921', seq: '246', address: '浙江省舟山市定海区解放西路 21 号' },
];

/**
 * The stand-in reader: answers invented cards (定海区 330902, valid check character), one person
 * after the other on each read, as if cards were put on the reader one at a time. For
 * development, the demo and the tests; never for a real counter.
 */
@Injectable()
export class StandInIdCardReader extends IdCardReader {
  private reads = 0;

  read(): Promise<IdCard> {
    const p = STAND_IN_PEOPLE[this.reads++ % STAND_IN_PEOPLE.length];
    // GB 11643: address code, birth date, sequence (odd: male, even: female), check character.
    const body = `330902${p.birth}${p.seq}`;
    return Promise.resolve({
      name: p.name,
      sex: p.sex,
      ethnicity: '汉',
      birthDate: `${p.birth.slice(0, 4)}-${p.birth.slice(4, 6)}-${p.birth.slice(6)}`,
      address: p.address,
      idNumber: body + mod11CheckCharacter(body),
      issuedBy: '舟山市公安局定海区分局',
      validFrom: '2020-01-01',
      validTo: '2040-01-01',
    });
  }
}
