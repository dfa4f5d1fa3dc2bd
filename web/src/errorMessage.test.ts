import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { errorMessage, failuresOf } from './errorMessage.ts';
import { i18n } from './i18n/index.ts';

const refused = (...errors: { message: string; code?: string; retryAfterSeconds?: number }[]) =>
  new CombinedError({
    graphQLErrors: errors.map(
      ({ message, ...extensions }) => new GraphQLError(message, { extensions: { ...extensions } }),
    ),
  });
const inVietnamese = (error: unknown) => errorMessage(error, i18n.getFixedT('vi'), 'vi');
const inEnglish = (error: unknown) => errorMessage(error, i18n.getFixedT('en'), 'en');

describe('a failed request in words', () => {
  it('words each top-level error from its code, never from the server’s English', () => {
    const rateLimited = refused({
      message: 'This token may submit 5 enrolments a minute; try again in 42 s.',
      code: 'RATE_LIMITED',
      retryAfterSeconds: 42,
    });
    expect(failuresOf(rateLimited)).toEqual([{ code: 'RATE_LIMITED', retryAfterSeconds: 42 }]);
    expect(inVietnamese(rateLimited)).toBe(
      'Mã truy cập này đã gửi quá nhiều yêu cầu trong một phút, máy chủ tạm ngừng nhận. Hãy thử lại sau 42 giây.',
    );
    expect(inEnglish(rateLimited)).toBe(
      'This access token sent too many requests in a minute, and the server has paused taking them. Try again in 42 s.',
    );
    expect(inVietnamese(refused({ message: 'No unit has the code "000".', code: 'NOT_FOUND' }))).toBe(
      'Không tìm thấy chiến dịch hoặc đơn vị được hỏi.',
    );
    expect(inVietnamese(refused({ message: 'Unauthenticated', code: 'UNAUTHENTICATED' }))).toBe(
      'Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.',
    );
    expect(inVietnamese(refused({ message: 'Unexpected error.', code: 'INTERNAL_SERVER_ERROR' }))).toBe(
      'Máy chủ gặp sự cố khi xử lý yêu cầu.',
    );
  });

  it('names the limit a request went over, and a code it does not know yet', () => {
    expect(inVietnamese(refused({ message: 'Query depth limit of 10 exceeded', code: 'MAX_DEPTH' }))).toBe(
      'Yêu cầu vượt quá giới hạn máy chủ cho phép (mã lỗi MAX_DEPTH).',
    );
    expect(inVietnamese(refused({ message: 'Too many', code: 'BATCH_TOO_LARGE' }))).toBe(
      'Yêu cầu vượt quá giới hạn máy chủ cho phép (mã lỗi BATCH_TOO_LARGE).',
    );
    expect(inVietnamese(refused({ message: 'Cannot query field', code: 'GRAPHQL_VALIDATION_FAILED' }))).toBe(
      'Máy chủ không nhận yêu cầu của ứng dụng (mã lỗi GRAPHQL_VALIDATION_FAILED): hãy tải lại trang.',
    );
    expect(inVietnamese(refused({ message: 'Something new', code: 'SOMETHING_NEW' }))).toBe(
      'Máy chủ không thực hiện được yêu cầu (mã lỗi SOMETHING_NEW).',
    );
    expect(inVietnamese(refused({ message: 'No code at all' }))).toBe(
      'Máy chủ không thực hiện được yêu cầu.',
    );
  });

  it('says each sentence once when several errors share it', () => {
    const twice = refused({ message: 'a', code: 'FORBIDDEN' }, { message: 'b', code: 'FORBIDDEN' });
    expect(inVietnamese(twice)).toBe('Mã truy cập này không được phép làm việc này.');
  });

  it('tells a request that got no answer at all as the network', () => {
    const network = 'Không kết nối được máy chủ: mạng yếu hoặc mất sóng.';
    expect(inVietnamese(new CombinedError({ networkError: new TypeError('Failed to fetch') }))).toBe(network);
    expect(inVietnamese(new TypeError('Failed to fetch'))).toBe(network);
    expect(inVietnamese(new DOMException('signal timed out', 'TimeoutError'))).toBe(network);
    // What the live board keeps of its error: only its message.
    expect(inVietnamese('[Network] Failed to fetch')).toBe(network);
    expect(inVietnamese('[GraphQL] No unit has the code "000".')).toBe(
      'Máy chủ không thực hiện được yêu cầu.',
    );
  });
});
