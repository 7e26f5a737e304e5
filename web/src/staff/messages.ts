import { type Messages, translate } from '../shared/i18n.ts';

/** The staff dashboard's messages: Vietnamese first, English complete. */
export const staffMessages: Messages = {
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  retry: { vi: 'Thử lại', en: 'Try again' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  save: { vi: 'Lưu', en: 'Save' },
  never: { vi: 'chưa lần nào', en: 'never' },
  noWaves: {
    vi: 'Chưa có đợt khảo sát nào có câu trả lời.',
    en: 'No wave has responses yet.',
  },
  noResponses: {
    vi: 'Chưa có câu trả lời nào trong đợt này.',
    en: 'No responses in this wave yet.',
  },

  'signIn.title': { vi: 'Đăng nhập dành cho cán bộ', en: 'Staff sign-in' },
  'signIn.email': { vi: 'Email', en: 'E-mail' },
  'signIn.password': { vi: 'Mật khẩu', en: 'Password' },
  'signIn.submit': { vi: 'Đăng nhập', en: 'Sign in' },
  'signIn.busy': { vi: 'Đang đăng nhập…', en: 'Signing in…' },
  'signIn.wrong': { vi: 'Sai email hoặc mật khẩu.', en: 'Wrong e-mail or password.' },

  'nav.label': { vi: 'Các trang quản lý', en: 'Staff pages' },
  'nav.ranking': { vi: 'Xếp hạng', en: 'Ranking' },
  'nav.kiosks': { vi: 'Ki-ốt', en: 'Kiosks' },
  'nav.users': { vi: 'Tài khoản', en: 'Accounts' },
  'nav.myCommune': { vi: 'Xã của tôi', en: 'My commune' },
  'nav.signedInAs': { vi: '{email} · {role}', en: '{email} · {role}' },
  'nav.signOut': { vi: 'Đăng xuất', en: 'Sign out' },

  'role.admin': { vi: 'Quản trị', en: 'Administrator' },
  'role.analyst': { vi: 'Phân tích', en: 'Analyst' },
  'role.commune_officer': { vi: 'Cán bộ xã', en: 'Commune officer' },

  'wave.label': { vi: 'Đợt khảo sát', en: 'Survey wave' },

  'error.forbidden': {
    vi: 'Tài khoản của bạn không được xem trang này.',
    en: 'Your account may not see this page.',
  },
  'error.notFound': { vi: 'Không tìm thấy trang này.', en: 'This page was not found.' },
  'error.emailTaken': {
    vi: 'Đã có tài khoản với email này.',
    en: 'An account with this e-mail exists already.',
  },
  'error.rateLimited': {
    vi: 'Đăng nhập sai quá nhiều lần. Hãy đợi một lúc rồi thử lại.',
    en: 'Too many failed sign-ins. Wait a while and try again.',
  },
  'error.invalid': { vi: 'Dữ liệu chưa hợp lệ: {message}', en: 'Not valid: {message}' },
  'error.server': { vi: 'Máy chủ báo lỗi: {message}', en: 'The server answered: {message}' },
  'error.offline': {
    vi: 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.',
    en: 'The server could not be reached. Check the connection and try again.',
  },
  'notAllowed.title': { vi: 'Không được phép', en: 'Not allowed' },

  'status.meets': { vi: 'Đạt', en: 'Meets' },
  'status.meetsSure': { vi: 'Đạt, chắc chắn', en: 'Meets, confidently' },
  'status.below': { vi: 'Chưa đạt', en: 'Below' },
  'status.insufficient': {
    vi: 'Chưa đủ mẫu: n = {n} < {minN}',
    en: 'Insufficient: n = {n} < {minN}',
  },
  'key.meets': { vi: 'Đạt', en: 'Meets' },
  'key.below': { vi: 'Chưa đạt', en: 'Below' },
  'key.insufficient': { vi: 'Chưa đủ mẫu', en: 'Insufficient' },

  'col.rank': { vi: 'Hạng', en: 'Rank' },
  'col.commune': { vi: 'Xã, phường', en: 'Commune' },
  'col.n': { vi: 'Số phiếu (n)', en: 'Responses (n)' },
  'col.mean': { vi: 'Điểm trung bình', en: 'Mean' },
  'col.interval': { vi: 'Khoảng tin cậy 95%', en: '95% interval' },
  'col.pMeets': { vi: 'Xác suất đạt ≥ {threshold}', en: 'Chance of ≥ {threshold}' },
  'col.status': { vi: 'Tình trạng', en: 'Status' },
  'col.dimension': { vi: 'Khía cạnh', en: 'Dimension' },
  'col.gap': { vi: 'So với {threshold}', en: 'Against {threshold}' },
  'col.wave': { vi: 'Đợt', en: 'Wave' },
  'col.question': { vi: 'Câu hỏi', en: 'Question' },
  'col.itemMean': { vi: 'Điểm trung bình (0–100)', en: 'Mean (0–100)' },
  'col.dontKnow': { vi: 'Tỉ lệ “Không biết”', en: '“Don’t know” rate' },
  'col.flag': { vi: 'Cảnh báo', en: 'Flag' },
  'col.actions': { vi: 'Thao tác', en: 'Actions' },

  'headline.title': { vi: 'Mục tiêu của tỉnh – đợt {wave}', en: 'Province target – wave {wave}' },
  'headline.meeting': {
    vi: 'xã, phường đạt từ {threshold} điểm',
    en: 'communes at {threshold} or more',
  },
  'headline.share': {
    vi: 'tỉ lệ đạt; mục tiêu: trên {target}',
    en: 'share meeting it; target: more than {target}',
  },
  'headline.more': {
    vi: 'xã, phường cần đạt thêm (cần {needed} / {total})',
    en: 'more communes needed ({needed} of {total})',
  },
  'headline.met': { vi: 'xã, phường cần thêm: đã đủ', en: 'more needed: none' },
  'headline.targetMet': { vi: 'Mục tiêu đã đạt.', en: 'The target is met.' },
  'headline.targetNotMet': { vi: 'Mục tiêu chưa đạt.', en: 'The target is not met yet.' },

  'shareTrend.caption': {
    vi: 'Tỉ lệ xã, phường đạt từ {threshold} điểm qua các đợt, hướng tới mục tiêu trên {target} vào năm {year}',
    en: 'Share of communes at {threshold} or more, wave by wave, toward more than {target} by {year}',
  },
  'shareTrend.point': {
    vi: 'năm {wave}: {share} ({meeting}/{total})',
    en: '{wave}: {share} ({meeting} of {total})',
  },
  'shareTrend.summary': {
    vi: 'Biểu đồ đường tỉ lệ xã, phường đạt qua các đợt: {points}. Mục tiêu: trên {target} vào năm {year}.',
    en: 'Line chart of the share of communes meeting the threshold: {points}. Target: more than {target} by {year}.',
  },
  'shareTrend.series': { vi: 'Tỉ lệ đạt', en: 'Share meeting' },
  'shareTrend.target': { vi: 'Mục tiêu > {target}', en: 'Target > {target}' },

  'meansChart.caption': {
    vi: 'Điểm CB-HPI trung bình của từng xã, phường, với khoảng tin cậy 95% và ngưỡng {threshold}',
    en: "Each commune's mean CB-HPI, with its 95% interval and the threshold {threshold}",
  },
  'meansChart.summary': {
    vi: 'Biểu đồ cột điểm trung bình của {shown} trên {total} xã, phường có câu trả lời, với khoảng tin cậy 95%; {meeting} xã, phường đạt từ {threshold} điểm.',
    en: 'Bar chart of the mean of {shown} of {total} communes with responses, with 95% intervals; {meeting} communes are at {threshold} or more.',
  },
  'meansChart.range': {
    vi: 'Cao nhất: {top} ({topMean}); thấp nhất trong các xã đủ mẫu: {bottom} ({bottomMean}).',
    en: 'Highest: {top} ({topMean}); lowest with enough responses: {bottom} ({bottomMean}).',
  },
  'meansChart.seeTable': {
    vi: 'Số liệu đầy đủ ở bảng xếp hạng bên dưới.',
    en: 'The full figures are in the ranking table below.',
  },
  'meansChart.series': { vi: 'Điểm trung bình', en: 'Mean' },
  'meansChart.axis': { vi: 'Điểm CB-HPI (0–100)', en: 'CB-HPI (0–100)' },
  'meansChart.tooltip': {
    vi: 'Trung bình {mean} (KTC 95%: {interval}), n = {n}',
    en: 'Mean {mean} (95% interval {interval}), n = {n}',
  },

  'ranking.title': { vi: 'Xếp hạng các xã, phường', en: 'Commune ranking' },
  'ranking.caption': {
    vi: 'Các xã, phường, đợt {wave}: hạng, số phiếu, điểm trung bình với khoảng tin cậy 95%, xác suất đạt từ {threshold} điểm và tình trạng. Bấm tiêu đề cột để sắp xếp.',
    en: 'Communes, wave {wave}: rank, responses, mean with its 95% interval, chance of {threshold} or more, and status. Press a column heading to sort.',
  },
  'ranking.search': { vi: 'Tìm xã, phường (tên hoặc mã)', en: 'Search communes (name or code)' },
  'ranking.count': {
    vi: 'Đang hiện {shown} / {total} xã, phường',
    en: 'Showing {shown} of {total} communes',
  },
  'ranking.none': { vi: 'Không có xã, phường nào khớp.', en: 'No commune matches.' },

  'commune.back': { vi: '← Bảng xếp hạng', en: '← Ranking' },
  'commune.backOwn': { vi: '← Về xã của tôi', en: '← Back to my commune' },
  'commune.titleCode': { vi: 'Xã, phường {code}', en: 'Commune {code}' },
  'commune.overall': { vi: 'Điểm chung', en: 'Overall' },
  'commune.mean': { vi: 'Điểm CB-HPI trung bình', en: 'Mean CB-HPI' },

  'dimensions.title': {
    vi: 'Bốn khía cạnh so với ngưỡng {threshold}',
    en: 'The four dimensions against {threshold}',
  },
  'dimensions.weakest': {
    vi: 'Khía cạnh yếu nhất (kéo điểm chung xuống nhiều nhất): {name}, {mean} điểm.',
    en: 'Weakest dimension (pulls the overall score down most): {name}, {mean} points.',
  },
  'dimensions.noneBelow': {
    vi: 'Không khía cạnh nào dưới {threshold} điểm.',
    en: 'No dimension is below {threshold}.',
  },
  'dimensions.noData': {
    vi: 'Chưa có câu trả lời nào trong đợt này.',
    en: 'No responses in this wave yet.',
  },
  'dimensions.summary': {
    vi: 'Biểu đồ cột bốn khía cạnh: {list}; ngưỡng {threshold}.',
    en: 'Bar chart of the four dimensions: {list}; threshold {threshold}.',
  },
  'dimensions.caption': {
    vi: 'Điểm bốn khía cạnh với khoảng tin cậy 95%, so với ngưỡng {threshold}',
    en: 'The four dimensions with their 95% intervals, against the threshold {threshold}',
  },
  'dimensions.reached': { vi: 'Đạt', en: 'Reached' },
  'dimensions.gap': { vi: 'Còn thiếu {gap} điểm', en: '{gap} points short' },

  'items.title': { vi: 'Điểm từng câu hỏi', en: 'Item scores' },
  'items.note': {
    vi: 'Điểm câu hỏi từ 0 đến 100; câu hỏi đảo chiều đã được quy đổi. Câu hỏi có hơn 20% câu trả lời “Không biết” hoặc “Không áp dụng” được cảnh báo.',
    en: 'Item scores from 0 to 100, reverse-worded items turned round. An item with more than 20% “Don’t know” or “Not applicable” answers is flagged.',
  },
  'items.caption': { vi: 'Các câu hỏi, đợt {wave}', en: 'Items, wave {wave}' },
  'items.reverse': { vi: 'đảo chiều', en: 'reverse-worded' },
  'items.flag': { vi: '⚠ Hơn 20% không biết', en: '⚠ Over 20% don’t know' },
  'items.noFlag': { vi: 'Không', en: 'None' },

  'communeTrend.title': {
    vi: 'Qua các đợt, hướng tới năm {year}',
    en: 'Wave by wave, toward {year}',
  },
  'communeTrend.summary': {
    vi: 'Biểu đồ đường điểm CB-HPI của xã qua các đợt: {points}; ngưỡng {threshold}.',
    en: "Line chart of the commune's CB-HPI by wave: {points}; threshold {threshold}.",
  },
  'communeTrend.caption': { vi: 'Điểm CB-HPI theo từng đợt', en: 'CB-HPI by wave' },

  'exports.title': { vi: 'Tải xuống (đợt {wave})', en: 'Downloads (wave {wave})' },
  'exports.resultsCsv': {
    vi: 'Kết quả các xã, phường (CSV)',
    en: 'Commune results (CSV)',
  },
  'exports.resultsXlsx': {
    vi: 'Kết quả các xã, phường (Excel)',
    en: 'Commune results (Excel)',
  },
  'exports.responses': {
    vi: 'Toàn bộ câu trả lời, ẩn danh (CSV)',
    en: 'All responses, anonymised (CSV)',
  },
  'exports.communeResponses': {
    vi: 'Câu trả lời của xã, ẩn danh (CSV)',
    en: "This commune's responses, anonymised (CSV)",
  },
  'exports.note': {
    vi: 'Tệp CSV mã UTF-8, mở được bằng Excel.',
    en: 'CSV files are UTF-8 and open in Excel.',
  },

  'form.commune': { vi: 'Xã, phường', en: 'Commune' },
  'form.chooseCommune': { vi: '— Chọn xã, phường —', en: '— Choose a commune —' },

  'kiosks.title': { vi: 'Ki-ốt khảo sát', en: 'Survey kiosks' },
  'kiosks.add': { vi: 'Đăng ký ki-ốt mới', en: 'Register a kiosk' },
  'kiosks.label': { vi: 'Tên ki-ốt', en: 'Kiosk name' },
  'kiosks.labelHint': {
    vi: 'Ví dụ: Nhà văn hoá thôn Nà Mò',
    en: 'For example: Nà Mò village cultural house',
  },
  'kiosks.create': { vi: 'Tạo ki-ốt', en: 'Create kiosk' },
  'kiosks.tokenTitle': { vi: 'Ghép nối ki-ốt “{label}”', en: 'Pair kiosk “{label}”' },
  'kiosks.tokenNote': {
    vi: 'Mã ghép nối và mã PIN chỉ hiện một lần: máy chủ chỉ lưu bản băm. Hãy nhập mã ghép nối trên ki-ốt ngay. Nếu mất, hãy tạo mã mới cho ki-ốt này.',
    en: 'The pairing code and the PIN are shown once: the server keeps only hashes. Enter the pairing code on the kiosk now. If they are lost, issue a new code for this kiosk.',
  },
  'kiosks.token': { vi: 'Mã ki-ốt', en: 'Kiosk pairing code' },
  'kiosks.pairingHow': {
    vi: 'Trên ki-ốt, mở trang /kiosk và nhập mã này (dùng một lần, hết hạn lúc {until}), hoặc mở liên kết {link}.',
    en: 'On the kiosk, open /kiosk and enter this code (one use, valid until {until}), or open the link {link}.',
  },
  'kiosks.exitPin': {
    vi: 'Mã PIN để thoát chế độ ki-ốt: {pin}. Chỉ đưa cho cán bộ phụ trách.',
    en: 'PIN to leave kiosk mode: {pin}. Give it to the staff in charge only.',
  },
  'kiosks.copy': { vi: 'Chép mã', en: 'Copy code' },
  'kiosks.copied': { vi: 'Đã chép mã vào bộ nhớ tạm.', en: 'Copied to the clipboard.' },
  'kiosks.selected': {
    vi: 'Không chép tự động được; mã đã được chọn, hãy bấm Ctrl+C.',
    en: 'Could not copy automatically; the token is selected: press Ctrl+C.',
  },
  'kiosks.done': { vi: 'Xong, tôi đã chép mã', en: 'Done, I have copied it' },
  'kiosks.caption': { vi: 'Các ki-ốt ({count})', en: 'Kiosks ({count})' },
  'kiosks.none': { vi: 'Chưa có ki-ốt nào.', en: 'No kiosks yet.' },
  'kiosks.created': { vi: 'Tạo lúc', en: 'Created' },
  'kiosks.lastSeen': { vi: 'Lần cuối hoạt động', en: 'Last seen' },
  'kiosks.active': { vi: 'Đang hoạt động', en: 'Active' },
  'kiosks.revokedAt': { vi: 'Đã thu hồi {at}', en: 'Revoked {at}' },
  'kiosks.revoke': { vi: 'Thu hồi', en: 'Revoke' },
  'kiosks.revokeNamed': { vi: 'Thu hồi ki-ốt {label}', en: 'Revoke kiosk {label}' },
  'kiosks.confirmRevoke': { vi: 'Thu hồi “{label}”', en: 'Revoke “{label}”' },

  'users.title': { vi: 'Tài khoản cán bộ', en: 'Staff accounts' },
  'users.add': { vi: 'Thêm tài khoản', en: 'Add an account' },
  'users.email': { vi: 'Email', en: 'E-mail' },
  'users.password': { vi: 'Mật khẩu ban đầu', en: 'Initial password' },
  'users.passwordHint': { vi: 'Ít nhất 12 ký tự.', en: 'At least 12 characters.' },
  'users.role': { vi: 'Vai trò', en: 'Role' },
  'users.create': { vi: 'Thêm tài khoản', en: 'Add account' },
  'users.added': { vi: 'Đã thêm tài khoản {email}.', en: 'Account {email} added.' },
  'users.caption': { vi: 'Các tài khoản ({count})', en: 'Accounts ({count})' },
  'users.created': { vi: 'Tạo lúc', en: 'Created' },
  'users.you': { vi: '(bạn)', en: '(you)' },
  'users.changeRole': { vi: 'Đổi vai trò', en: 'Change role' },
  'users.changeRoleOf': { vi: 'Đổi vai trò của {email}', en: 'Change role of {email}' },
  'users.editTitle': { vi: 'Đổi vai trò của {email}', en: 'Change role of {email}' },
  'users.newRole': { vi: 'Vai trò mới của {email}', en: 'New role for {email}' },
  'users.disable': { vi: 'Khoá', en: 'Disable' },
  'users.disableOf': { vi: 'Khoá tài khoản {email}', en: 'Disable {email}' },
  'users.enable': { vi: 'Mở khoá', en: 'Enable' },
  'users.enableOf': { vi: 'Mở khoá tài khoản {email}', en: 'Enable {email}' },
  'users.disabled': { vi: 'Đã khoá', en: 'Disabled' },
  'users.active': { vi: 'Đang hoạt động', en: 'Active' },
};

/** Looks a staff message up in the current language. */
export const t = (key: string, values?: Record<string, string | number>) =>
  translate(staffMessages, key, values);
