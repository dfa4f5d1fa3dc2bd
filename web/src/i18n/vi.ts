/** Vietnamese, the app's first language: every sentence whole, with its diacritics. */
export const vi = {
  app: {
    title: 'Toàn Dân – Theo dõi vận động BHXH toàn dân',
    switchLanguage: 'English',
    switchLanguageLabel: 'Chuyển sang tiếng Anh',
    signOut: 'Đăng xuất',
    skipToContent: 'Bỏ qua, đến nội dung chính',
  },
  signIn: {
    title: 'Đăng nhập',
    token: 'Mã truy cập (token)',
    hint: 'Mã do quản trị viên cấp bằng lệnh pnpm token. Mã được lưu trên trình duyệt này.',
    submit: 'Đăng nhập',
    refused: 'Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi. Vui lòng nhập mã khác.',
  },
  notFound: { title: 'Không tìm thấy trang này.' },
  common: {
    loading: 'Đang tải…',
    failed: 'Không tải được dữ liệu: {{message}}',
    retry: 'Thử lại',
  },
  campaigns: {
    title: 'Chiến dịch',
    running: 'Đang diễn ra',
    month: 'Tháng vận động',
    drive: 'Đợt ra quân',
    days: 'Từ {{from}} đến {{to}}',
    none: 'Chưa có chiến dịch nào.',
    open: 'Mở bảng theo dõi',
    openWall: 'Màn hình lớn',
  },
  scheme: {
    VOLUNTARY_SI: 'BHXH tự nguyện',
    HOUSEHOLD_HI: 'BHYT hộ gia đình',
    COMPULSORY_SI: 'BHXH bắt buộc',
    UNEMPLOYMENT: 'BHTN',
    STUDENT_HI: 'BHYT HS-SV',
    NEAR_POOR_HI: 'BHYT hộ cận nghèo',
  },
  connection: {
    connecting: 'Đang kết nối',
    live: 'Trực tuyến',
    reconnecting: 'Đang kết nối lại',
    offline: 'Mất kết nối',
    lastUpdate: 'Cập nhật lúc {{time}}',
    never: 'Chưa cập nhật',
  },
};

export type Resources = typeof vi;
