import { complexityFromQuery } from '@pothos/plugin-complexity';
import { db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError, type GraphQLSchema, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type Authentication, authenticate } from '../auth/authenticate.ts';
import { consumeCostOrThrow } from '../auth/rateLimits.ts';
import { type Language, preferredLanguage } from '../language.ts';
import { loadParticipation } from '../participation/loadParticipation.ts';
import { reportCsv, reportWorkbook } from '../participation/reportFiles.ts';
import { reportTable } from '../participation/reportTable.ts';
import { notFound, type Words } from '../userErrors.ts';

export const DOWNLOADS_PATH = '/reports/participation/';

const FORMATS = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** Why a token was refused, in both languages (authenticate words it in English only). */
const refusedToken: Record<Exclude<Authentication, { ok: true }>['reason'], string> = {
  missing: 'Cần có mã truy cập (token): gửi kèm tiêu đề Authorization: Bearer <token>.',
  malformed: 'Tiêu đề Authorization phải có dạng "Bearer <token>".',
  invalid: 'Mã truy cập (token) không hợp lệ.',
  expired: 'Mã truy cập (token) đã hết hạn; hãy xin mã mới.',
  revoked: 'Mã truy cập (token) đã bị thu hồi; hãy xin mã mới.',
};

/**
 * What a download costs a field agent's or a partner's budget: the query it stands for, with
 * every field of every figure, as the cost budget (guards.ts) would count it over GraphQL.
 */
const EQUIVALENT_QUERY = parse(`query ($unitCode: String!, $asOf: Date!) {
  participation(unitCode: $unitCode, asOf: $asOf) {
    unit { code name } asOf
    totals { ...figure }
    rows { unit { code name } figures { ...figure } }
  }
}
fragment figure on ParticipationFigure { indicator participants importedOn planned percentOfPlan
  changeSinceLastMonth changeSinceDecember coverageBase coverageRate coverageTargetPercent
  remainingToPlan requiredDailyPace metPlan rank }`);

/**
 * GET /reports/participation/<unitCode>.xlsx?asOf=YYYY-MM-DD, and .csv (API.md,
 * "Participation"): the briefing report as a file, its figures those of the `participation`
 * query (loadParticipation) laid out by reportTable. The same token in the same Authorization
 * header, and the same roles: aggregates, so every role; a field agent's or partner's download
 * spends from its cost budget what the query would. Not audited, as the query is not: no
 * personal data is in it. Refusals are plain text in the request's language (Accept-Language),
 * Vietnamese by default.
 */
export function useParticipationDownloads(schema: GraphQLSchema): Plugin {
  let cost: number | undefined;
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(DOWNLOADS_PATH)) return;
      const language: Language = preferredLanguage(request.headers.get('accept-language'));
      const say = (status: number, words: Words, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(`${words[language]}\n`, {
            status,
            headers: {
              'content-type': 'text/plain; charset=utf-8',
              'content-language': language,
              'cache-control': 'no-store',
              ...headers,
            },
          }),
        );
      if (request.method !== 'GET') {
        say(
          405,
          {
            vi: 'Báo cáo chỉ tải về bằng GET.',
            en: 'The report is downloaded with GET.',
          },
          { allow: 'GET' },
        );
        return;
      }
      let file = '';
      try {
        file = decodeURIComponent(url.pathname.slice(DOWNLOADS_PATH.length));
      } catch {
        // A broken %-escape names no unit: refused below as unknown.
      }
      const dot = file.lastIndexOf('.');
      const unitCode = dot > 0 ? file.slice(0, dot) : file;
      const format = dot > 0 ? file.slice(dot + 1).toLowerCase() : '';
      return (async () => {
        const checked = await authenticate(request.headers.get('authorization'));
        if (!checked.ok) {
          say(
            401,
            { vi: refusedToken[checked.reason], en: checked.message },
            { 'www-authenticate': 'Bearer' },
          );
          return;
        }
        if (format !== 'xlsx' && format !== 'csv') {
          say(404, {
            vi: `Báo cáo tải về dưới dạng .xlsx hoặc .csv, ví dụ ${DOWNLOADS_PATH}38.xlsx?asOf=2021-11-30.`,
            en: `The report downloads as .xlsx or .csv, e.g. ${DOWNLOADS_PATH}38.xlsx?asOf=2021-11-30.`,
          });
          return;
        }
        const asOf = url.searchParams.get('asOf');
        if (asOf === null || !vnDay.isValid(asOf)) {
          say(
            400,
            asOf === null
              ? {
                  vi: 'Thiếu ngày báo cáo: thêm ?asOf=YYYY-MM-DD vào địa chỉ (ví dụ ?asOf=2021-11-30).',
                  en: 'The report day is missing: add ?asOf=YYYY-MM-DD to the address (e.g. ?asOf=2021-11-30).',
                }
              : {
                  vi: `Ngày báo cáo (asOf) phải là một ngày có thật, viết theo dạng YYYY-MM-DD (ví dụ 2021-11-30); nhận được "${asOf}".`,
                  en: `The report day (asOf) must be a real calendar day written YYYY-MM-DD (e.g. 2021-11-30); got "${asOf}".`,
                },
          );
          return;
        }
        const unit = unitCode.trim() ? await db.unit.findUnique({ where: { code: unitCode.trim() } }) : null;
        if (!unit) {
          say(404, notFound.unit(unitCode));
          return;
        }
        cost ??= complexityFromQuery(EQUIVALENT_QUERY, {
          schema,
          ctx: {},
          variables: { unitCode, asOf },
        }).complexity;
        try {
          await consumeCostOrThrow({ auth: checked.auth }, cost);
        } catch (refusal) {
          if (!(refusal instanceof GraphQLError) || refusal.extensions.code !== 'RATE_LIMITED') throw refusal;
          const retryAfter = String(refusal.extensions.retryAfterSeconds ?? 60);
          const limit = Number(refusal.extensions.limit);
          say(
            429,
            {
              vi:
                cost > limit
                  ? `Mã truy cập này được dùng tối đa ${limit.toLocaleString('vi-VN')} điểm truy vấn mỗi phút, mà riêng báo cáo này cần ${cost.toLocaleString('vi-VN')}.`
                  : `Mã truy cập này đã dùng hết ${limit.toLocaleString('vi-VN')} điểm truy vấn của phút này; hãy thử lại sau ${retryAfter} giây.`,
              en: refusal.message,
            },
            { 'retry-after': retryAfter },
          );
          return;
        }
        const table = reportTable(await loadParticipation(unit, asOf));
        const body = format === 'xlsx' ? await reportWorkbook(table) : reportCsv(table);
        endResponse(
          new fetchAPI.Response(body, {
            headers: {
              'content-type': FORMATS[format],
              'content-length': String(body.byteLength),
              'content-disposition': `attachment; filename="${table.fileName}.${format}"`,
              'cache-control': 'no-store',
            },
          }),
        );
      })();
    },
  };
}
