import { type Messages, translate } from '../shared/i18n.ts';
import { languagesMessages } from './languages-messages.ts';
import { paperMessages } from './paper-messages.ts';
import { populationMessages } from './population-messages.ts';
import { questionnaireMessages } from './questionnaire-messages.ts';
import { wavesMessages } from './waves-messages.ts';
import { weightsMessages } from './weights-messages.ts';

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
  'col.dontKnow': { vi: 'Tỷ lệ “Không biết”', en: '“Don’t know” rate' },
  'col.flag': { vi: 'Cảnh báo', en: 'Flag' },
  'col.actions': { vi: 'Thao tác', en: 'Actions' },

  'headline.title': { vi: 'Mục tiêu của tỉnh – đợt {wave}', en: 'Province target – wave {wave}' },
  'headline.meeting': {
    vi: 'xã, phường đạt từ {threshold} điểm',
    en: 'communes at {threshold} or more',
  },
  'headline.share': {
    vi: 'tỷ lệ đạt; mục tiêu: trên {target}',
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
    vi: 'Tỷ lệ xã, phường đạt từ {threshold} điểm qua các đợt, hướng tới mục tiêu trên {target} vào năm {year}',
    en: 'Share of communes at {threshold} or more, wave by wave, toward more than {target} by {year}',
  },
  'shareTrend.point': {
    vi: 'năm {wave}: {share} ({meeting}/{total})',
    en: '{wave}: {share} ({meeting} of {total})',
  },
  'shareTrend.summary': {
    vi: 'Biểu đồ đường tỷ lệ xã, phường đạt qua các đợt: {points}. Mục tiêu: trên {target} vào năm {year}.',
    en: 'Line chart of the share of communes meeting the threshold: {points}. Target: more than {target} by {year}.',
  },
  'shareTrend.series': { vi: 'Tỷ lệ đạt', en: 'Share meeting' },
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
    vi: 'Trung bình {mean}; điểm thật có 95% khả năng nằm trong khoảng {interval}; n = {n}',
    en: 'Mean {mean}; the true score lies in {interval} with 95% probability; n = {n}',
  },

  'ranking.title': { vi: 'Xếp hạng các xã, phường', en: 'Commune ranking' },
  'ranking.caption': {
    vi: 'Các xã, phường, đợt {wave}: hạng, số phiếu, điểm trung bình với khoảng tin cậy 95%, xác suất đạt từ {threshold} điểm, tình trạng, số phiếu có cảnh báo chờ xem xét và số phiếu đã loại khỏi kết quả. Bấm tiêu đề cột để sắp xếp.',
    en: 'Communes, wave {wave}: rank, responses, mean with its 95% interval, chance of {threshold} or more, status, flagged responses awaiting review and responses excluded. Press a column heading to sort.',
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
    vi: 'Điểm câu hỏi từ 0 đến 100, 100 luôn là tốt nhất: với câu hỏi theo chiều ngược lại (đồng ý nhiều là không tốt), điểm đã được đổi chiều. Tỷ lệ “Không biết” và “Không áp dụng” tính trên mọi phiếu của xã, kể cả phiếu bỏ trống câu đó; câu hỏi có hơn 20% hai loại cộng lại được cảnh báo.',
    en: 'Item scores from 0 to 100, 100 always the best: items asked the other way round (agreeing is bad) are turned round. The “Don’t know” and “Not applicable” rates are over every response of the commune, those that skipped the item included; an item with more than 20% of the two together is flagged.',
  },
  'items.caption': { vi: 'Các câu hỏi, đợt {wave}', en: 'Items, wave {wave}' },
  'items.reverse': { vi: '(hỏi theo chiều ngược lại)', en: '(asked the other way round)' },
  'items.flag': {
    vi: '⚠ Hơn 20% không biết hoặc không áp dụng',
    en: '⚠ Over 20% don’t know or not applicable',
  },
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
  'exports.forPeople': {
    vi: 'Để đọc và in bằng Excel: tệp Excel (XLSX)',
    en: 'To read and print in Excel: Excel files (XLSX)',
  },
  'exports.forPeopleNote': {
    vi: 'Chữ tiếng Việt thay cho mã, điểm làm tròn một chữ số thập phân, xác suất và tỷ lệ theo phần trăm, mã xã giữ nguyên số 0 đầu.',
    en: 'Vietnamese words instead of codes, scores to one decimal, chances and shares as percentages, commune codes keep their leading zero.',
  },
  'exports.forMachines': {
    vi: 'Cho máy tính (R, Stata, chương trình): tệp CSV',
    en: 'For machines (R, Stata, scripts): CSV files',
  },
  'exports.forMachinesNote': {
    vi: 'Giữ nguyên mã và đủ mọi chữ số, mã UTF-8. Đừng mở tệp CSV bằng Excel: Excel đổi mã 01318 thành 1318. Bảng giải thích cột cho biết ý nghĩa từng cột và từng mã.',
    en: 'Codes and every digit, UTF-8. Do not open CSV files in Excel: it turns the code 01318 into 1318. The column dictionary says what each column and code means.',
  },
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
  'exports.responsesXlsx': {
    vi: 'Toàn bộ câu trả lời, ẩn danh (Excel)',
    en: 'All responses, anonymised (Excel)',
  },
  'exports.communeResponses': {
    vi: 'Câu trả lời của xã, ẩn danh (CSV)',
    en: "This commune's responses, anonymised (CSV)",
  },
  'exports.communeResponsesXlsx': {
    vi: 'Bảng câu trả lời của xã, ẩn danh (Excel)',
    en: "This commune's responses, anonymised (Excel)",
  },
  'exports.dictionary': {
    vi: 'Giải thích các cột của tệp câu trả lời (CSV)',
    en: 'Column dictionary of the responses file (CSV)',
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

  'nav.review': { vi: 'Kiểm tra phiếu', en: 'Review' },
  'nav.audit': { vi: 'Nhật ký', en: 'Audit log' },

  'col.flaggedUnreviewed': { vi: 'Cảnh báo chờ xem xét', en: 'Flags to review' },
  'col.excluded': { vi: 'Phiếu đã loại', en: 'Excluded' },

  'integrity.title': { vi: 'Kiểm tra phiếu', en: 'Response review' },
  'integrity.flaggedUnreviewed': {
    vi: 'Phiếu có cảnh báo, chờ xem xét',
    en: 'Flagged, awaiting review',
  },
  'integrity.excluded': { vi: 'Phiếu đã loại khỏi kết quả', en: 'Excluded from the figures' },
  'integrity.note': {
    vi: 'Cảnh báo không đổi điểm và không tự loại phiếu nào. Chỉ phiếu bị cán bộ loại, có ghi lý do, mới không được tính; mọi số liệu ở trang này đã không tính các phiếu đó.',
    en: 'Flags change no score and exclude nothing by themselves. Only a response a staff member excluded, with a reason, is left out; every figure on this page leaves those out.',
  },
  'integrity.openQueue': {
    vi: 'Mở hàng chờ kiểm tra của xã',
    en: "Open this commune's review queue",
  },
  'integrity.flaggedUnreviewedLink': {
    vi: '{count} phiếu có cảnh báo chờ xem xét: mở hàng chờ',
    en: '{count} flagged responses awaiting review: open the queue',
  },
  'integrity.excludedLink': {
    vi: '{count} phiếu đã loại: xem các phiếu',
    en: '{count} excluded responses: see them',
  },

  'flag.too_fast': { vi: 'Trả lời quá nhanh', en: 'Too fast' },
  'flag.straight_line': { vi: 'Chọn một mức cho mọi câu', en: 'Straight-lining' },
  'flag.duplicate': { vi: 'Trùng lặp', en: 'Duplicate' },
  'flag.burst': { vi: 'Dồn dập từ một ki-ốt', en: 'Kiosk burst' },
  'flag.too_fast.explain': {
    vi: '{seconds} giây cho {count} câu (dưới 2 giây mỗi câu).',
    en: '{seconds} seconds for {count} questions (under 2 seconds each).',
  },
  'flag.too_fast.plain': {
    vi: 'hoàn thành trong chưa đến 2 giây mỗi câu.',
    en: 'completed in under 2 seconds a question.',
  },
  'flag.straight_line.explain': {
    vi: 'cả {count} câu có điểm đều chọn cùng mức {value}, kể cả các câu hỏi đảo chiều: ý kiến thật khó như vậy.',
    en: 'all {count} scored questions have the same answer, {value}, reverse-worded ones included: not an honest pattern of views.',
  },
  'flag.straight_line.plain': {
    vi: 'mọi câu có điểm đều chọn cùng một mức, kể cả các câu hỏi đảo chiều.',
    en: 'every scored question has the same answer, reverse-worded ones included.',
  },
  'flag.duplicate.explain': {
    vi: 'giống hệt từng câu trả lời (trừ câu tự do) của một phiếu khác cùng xã, cùng đợt.',
    en: 'the same answer to every question (free text aside) as another response of the commune and wave.',
  },
  'flag.burst.explain': {
    vi: 'ki-ốt này có hơn 10 phiếu hoàn thành trong cùng 10 phút, trong khi mỗi lần chỉ một người dùng và mỗi phiếu mất vài phút.',
    en: 'this kiosk has more than 10 responses completed within 10 minutes, though it serves one person at a time and a response takes minutes.',
  },
  'flag.unknown': { vi: 'cảnh báo “{flag}” của máy chủ.', en: 'the server’s flag “{flag}”.' },

  'channel.web': { vi: 'Trên mạng', en: 'Web' },
  'channel.kiosk': { vi: 'Ki-ốt', en: 'Kiosk' },
  'channel.paper': { vi: 'Phiếu giấy', en: 'Paper' },

  'review.title': { vi: 'Kiểm tra phiếu có cảnh báo', en: 'Review flagged responses' },
  'review.intro': {
    vi: 'Máy chủ gắn cảnh báo cho những phiếu đáng ngờ. Cảnh báo không đổi điểm và không tự loại phiếu. Chỉ quyết định của cán bộ, có ghi lý do, mới loại một phiếu khỏi kết quả; phiếu và câu trả lời vẫn được lưu và có thể đưa trở lại.',
    en: 'The server flags responses that look suspicious. Flags change no score and exclude nothing. Only a staff decision, with a reason, takes a response out of the figures; the response and its answers are kept and can be brought back.',
  },
  'review.filters': { vi: 'Lọc phiếu', en: 'Filter responses' },
  'review.allCommunes': { vi: '— Mọi xã, phường —', en: '— All communes —' },
  'review.flag': { vi: 'Loại cảnh báo', en: 'Flag' },
  'review.allFlags': { vi: '— Mọi cảnh báo —', en: '— Any flag —' },
  'review.stateFilter': { vi: 'Tình trạng xem xét', en: 'Review state' },
  'review.filter.flagged': { vi: 'Có cảnh báo, chưa xem xét', en: 'Flagged, not reviewed' },
  'review.filter.kept': { vi: 'Đã giữ lại', en: 'Kept' },
  'review.filter.excluded': { vi: 'Đã loại', en: 'Excluded' },
  'review.filter.all': { vi: 'Tất cả', en: 'All' },
  'review.apply': { vi: 'Lọc', en: 'Apply' },
  'review.count': { vi: 'Đang hiện {count} phiếu.', en: 'Showing {count} responses.' },
  'review.countMore': {
    vi: 'Đang hiện {count} phiếu; còn nữa.',
    en: 'Showing {count} responses; there are more.',
  },
  'review.none': { vi: 'Không có phiếu nào khớp bộ lọc.', en: 'No response matches.' },
  'review.loadMore': { vi: 'Tải thêm', en: 'Load more' },
  'review.itemTitle': { vi: 'Phiếu {id} – {commune}', en: 'Response {id} – {commune}' },
  'review.flags': { vi: 'Cảnh báo', en: 'Flags' },
  'review.noFlags': { vi: 'Không có cảnh báo.', en: 'No flags.' },
  'review.state.unreviewed': { vi: 'Chưa xem xét', en: 'Not reviewed' },
  'review.state.kept': { vi: 'Đã giữ lại', en: 'Kept' },
  'review.state.excluded': { vi: 'Đã loại khỏi kết quả', en: 'Excluded from the figures' },
  'review.decided': {
    vi: 'bởi {who}, {at}. Lý do: {reason}',
    en: 'by {who}, {at}. Reason: {reason}',
  },
  'review.channel': { vi: 'Kênh', en: 'Channel' },
  'review.kiosk': { vi: 'Ki-ốt', en: 'Kiosk' },
  'review.kioskUnnamed': { vi: 'ki-ốt', en: 'kiosk' },
  'review.started': { vi: 'Bắt đầu', en: 'Started' },
  'review.completed': { vi: 'Hoàn thành', en: 'Completed' },
  'review.received': { vi: 'Máy chủ nhận', en: 'Received' },
  'review.duration': { vi: 'Thời gian trả lời', en: 'Time taken' },
  'review.seconds': { vi: '{seconds} giây', en: '{seconds} s' },
  'review.showAnswers': { vi: 'Xem câu trả lời ({count} câu)', en: 'Answers ({count})' },
  'review.answersCaption': { vi: 'Câu trả lời của phiếu {id}', en: 'Answers of response {id}' },
  'review.answer': { vi: 'Câu trả lời', en: 'Answer' },
  'review.action.exclude': { vi: 'Loại khỏi kết quả', en: 'Exclude' },
  'review.action.keep': { vi: 'Giữ lại', en: 'Keep' },
  'review.action.include': { vi: 'Đưa trở lại', en: 'Include again' },
  'review.actionOf.exclude': {
    vi: 'Loại khỏi kết quả: phiếu {id}',
    en: 'Exclude: response {id}',
  },
  'review.actionOf.keep': { vi: 'Giữ lại: phiếu {id}', en: 'Keep: response {id}' },
  'review.actionOf.include': {
    vi: 'Đưa trở lại: phiếu {id}',
    en: 'Include again: response {id}',
  },
  'review.dialog.exclude': { vi: 'Loại {subject} khỏi kết quả', en: 'Exclude {subject}' },
  'review.dialog.keep': { vi: 'Giữ lại {subject}', en: 'Keep {subject}' },
  'review.dialog.include': {
    vi: 'Đưa {subject} trở lại kết quả',
    en: 'Include {subject} again',
  },
  'review.subjectOne': { vi: 'phiếu {id}', en: 'response {id}' },
  'review.subjectMany': {
    vi: '{count} phiếu chưa xem xét đang hiện',
    en: 'the {count} unreviewed responses shown',
  },
  'review.bulk': { vi: 'Quyết định cho cả trang', en: 'Decide for the whole page' },
  'review.bulk.exclude': {
    vi: 'Loại cả {count} phiếu chưa xem xét đang hiện',
    en: 'Exclude all {count} unreviewed responses shown',
  },
  'review.bulk.keep': {
    vi: 'Giữ lại cả {count} phiếu chưa xem xét đang hiện',
    en: 'Keep all {count} unreviewed responses shown',
  },
  'review.bulkNote': {
    vi: 'Mỗi phiếu được ghi vào nhật ký riêng, cùng một lý do.',
    en: 'Each response is logged on its own, with the same reason.',
  },
  'review.bulkFailed': {
    vi: 'Đã xong {done} / {total} phiếu, rồi dừng lại: {error}',
    en: 'Done {done} of {total}, then stopped: {error}',
  },
  'review.doneMany.exclude': {
    vi: 'Đã loại {count} phiếu khỏi kết quả.',
    en: '{count} responses are excluded.',
  },
  'review.doneMany.keep': { vi: 'Đã giữ lại {count} phiếu.', en: '{count} responses are kept.' },
  'review.effect.exclude': {
    vi: 'Phiếu sẽ không còn được tính vào số liệu nào của xã. Phiếu và câu trả lời vẫn được lưu, và có thể đưa trở lại.',
    en: 'The response will leave every figure of the commune. It and its answers are kept, and it can be brought back.',
  },
  'review.effect.keep': {
    vi: 'Phiếu vẫn được tính. Cảnh báo vẫn ghi trên phiếu, nhưng phiếu rời hàng chờ.',
    en: 'The response still counts. Its flags stay on it, but it leaves the queue.',
  },
  'review.effect.include': {
    vi: 'Phiếu sẽ được tính lại vào các số liệu của xã.',
    en: "The response will count in the commune's figures again.",
  },
  'review.reason': { vi: 'Lý do (bắt buộc)', en: 'Reason (required)' },
  'review.reasonHint': {
    vi: 'Ít nhất {min} ký tự. Lý do được ghi vào nhật ký cùng tên bạn.',
    en: 'At least {min} characters. It is written to the audit log with your name.',
  },
  'review.reasonShort': {
    vi: 'Hãy ghi lý do, ít nhất {min} ký tự (mới có {count}).',
    en: 'Write a reason of at least {min} characters (so far {count}).',
  },
  'review.confirm.exclude': { vi: 'Loại phiếu', en: 'Exclude' },
  'review.confirm.keep': { vi: 'Giữ lại', en: 'Keep' },
  'review.confirm.include': { vi: 'Đưa trở lại', en: 'Include' },
  'review.sending': { vi: 'Đang gửi…', en: 'Sending…' },
  'review.done.exclude': {
    vi: 'Đã loại phiếu {id} khỏi kết quả.',
    en: 'Response {id} is excluded.',
  },
  'review.done.keep': { vi: 'Đã giữ lại phiếu {id}.', en: 'Response {id} is kept.' },
  'review.done.include': {
    vi: 'Đã đưa phiếu {id} trở lại kết quả.',
    en: 'Response {id} counts again.',
  },

  'audit.title': { vi: 'Nhật ký thao tác', en: 'Audit log' },
  'audit.intro': {
    vi: 'Mọi thay đổi của cán bộ về dữ liệu hoặc quyền truy cập, mới nhất trước. Không ai sửa hay xoá được mục nào: chính cơ sở dữ liệu từ chối.',
    en: 'Every staff change to data or access, newest first. No entry can be changed or deleted: the database itself refuses.',
  },
  'audit.filters': { vi: 'Lọc nhật ký', en: 'Filter the log' },
  'audit.action': { vi: 'Hành động', en: 'Action' },
  'audit.allActions': { vi: '— Mọi hành động —', en: '— Any action —' },
  'audit.actor': { vi: 'Người thực hiện', en: 'By' },
  'audit.at': { vi: 'Thời điểm', en: 'When' },
  'audit.target': { vi: 'Đối tượng', en: 'Target' },
  'audit.reason': { vi: 'Lý do', en: 'Reason' },
  'audit.details': { vi: 'Chi tiết', en: 'Details' },
  'audit.caption': { vi: 'Nhật ký, mới nhất trước', en: 'The log, newest first' },
  'audit.none': { vi: 'Không có mục nào khớp.', en: 'No entry matches.' },
  'audit.count': { vi: 'Đang hiện {count} mục.', en: 'Showing {count} entries.' },
  'audit.countMore': {
    vi: 'Đang hiện {count} mục; còn nữa.',
    en: 'Showing {count} entries; there are more.',
  },
  'audit.action.review.exclude': { vi: 'Loại phiếu khỏi kết quả', en: 'Excluded a response' },
  'audit.action.review.keep': { vi: 'Giữ lại phiếu có cảnh báo', en: 'Kept a flagged response' },
  'audit.action.review.include': {
    vi: 'Đưa phiếu trở lại kết quả',
    en: 'Included a response again',
  },
  'audit.action.user.create': { vi: 'Thêm tài khoản', en: 'Added an account' },
  'audit.action.user.update': { vi: 'Sửa tài khoản', en: 'Changed an account' },
  'audit.action.kiosk.create': { vi: 'Đăng ký ki-ốt', en: 'Registered a kiosk' },
  'audit.action.kiosk.revoke': { vi: 'Thu hồi ki-ốt', en: 'Revoked a kiosk' },
  'audit.action.kiosk.pairing_reissue': {
    vi: 'Cấp mã ghép nối ki-ốt mới',
    en: 'Issued a new kiosk pairing code',
  },
  'audit.action.kiosk.pair': { vi: 'Ghép nối thiết bị ki-ốt', en: 'Paired a kiosk device' },
  'col.notApplicable': { vi: 'Tỷ lệ “Không áp dụng”', en: '“Not applicable” rate' },
  'col.missingCode': { vi: 'Tỷ lệ trả lời mã {code}', en: 'Answered code {code}' },
  'col.dontKnowOrNa': {
    vi: 'Tỷ lệ “Không biết” hoặc “Không áp dụng”',
    en: '“Don’t know” or “not applicable” rate',
  },
  'col.validAnswers': { vi: 'Số câu trả lời có điểm', en: 'Scored answers' },
  'items.unnamed': { vi: '(câu hỏi không có lời)', en: '(question without wording)' },
  'items.showNames': {
    vi: 'Hiện tên nội bộ của câu hỏi (cho người phân tích)',
    en: 'Show the questions’ internal names (for analysts)',
  },
  'commune.loadingTitle': { vi: 'Trang xã, phường', en: 'Commune page' },
  'commune.needMore': {
    vi: 'Cần thêm {more} phiếu để có kết luận (đã có {n}, cần ít nhất {minN}). Chưa xếp hạng, chưa tính xác suất đạt.',
    en: '{more} more responses are needed for a verdict ({n} so far, at least {minN} needed). No rank and no chance of meeting yet.',
  },
  'dimensions.noVerdict': {
    vi: 'Chưa đủ phiếu để kết luận khía cạnh nào yếu nhất: cần thêm {more} phiếu (ít nhất {minN}).',
    en: 'Too few responses to say which dimension is weakest: {more} more needed (at least {minN}).',
  },
  'dimensions.nNote': {
    vi: 'Số phiếu của một khía cạnh có thể lớn hơn số phiếu của điểm chung ({n}): một phiếu chỉ có điểm chung khi cả bốn khía cạnh đều đủ số câu trả lời tối thiểu; phiếu bỏ qua hoặc trả lời “Không biết” nhiều câu ở một khía cạnh vẫn được tính ở các khía cạnh còn lại.',
    en: 'A dimension can count more responses than the overall score ({n}): a response has an overall score only when all four dimensions have enough answers; one that skipped or said “don’t know” to most items of one dimension still counts in the others.',
  },
  'explain.label': { vi: 'Giải thích: {subject}', en: 'Explain: {subject}' },
  'explain.theCommune': { vi: 'Điểm thật của xã', en: 'The commune’s true score' },
  'explain.theDimension': {
    vi: 'Điểm thật của xã về {name}',
    en: 'The commune’s true score on {name}',
  },
  'explain.interval': {
    vi: '{subject} có 95% khả năng nằm trong khoảng {interval} điểm. Điểm {mean} là trung bình của {n} phiếu đã thu, không phải của mọi người dân, nên chỉ biết điểm thật trong một khoảng; càng nhiều phiếu, khoảng càng hẹp.',
    en: '{subject} lies between {interval} with 95% probability. {mean} is the mean of the {n} responses collected, not of every resident, so the true score is known only within a range; more responses narrow it.',
  },
  'explain.noInterval': {
    vi: 'Cần ít nhất 2 phiếu mới tính được khoảng tin cậy.',
    en: 'At least 2 responses are needed for an interval.',
  },
  'explain.chance': {
    vi: 'Khả năng điểm thật của xã đạt từ {threshold} trở lên là {p}.',
    en: 'The chance that the commune’s true score is {threshold} or more is {p}.',
  },
  'explain.chanceSure': {
    vi: 'Gần như chắc chắn xã đã đạt {threshold}.',
    en: 'The commune almost certainly reaches {threshold}.',
  },
  'explain.chanceNot': {
    vi: 'Gần như chắc chắn xã chưa đạt {threshold}.',
    en: 'The commune almost certainly falls short of {threshold}.',
  },
  'explain.chanceOpen': {
    vi: 'Chưa thể nói chắc xã đạt hay chưa: điểm thật có thể ở cả hai phía của {threshold}.',
    en: 'It cannot yet be said whether the commune reaches {threshold}: its true score may lie on either side.',
  },
  'explain.noChance': {
    vi: 'Chưa tính được khả năng đạt.',
    en: 'No chance can be computed yet.',
  },

  'ranking.tableTitle': { vi: 'Bảng xếp hạng', en: 'Ranking table' },
  'heatmap.title': {
    vi: 'Mỗi xã, phường còn thiếu ở đâu so với {threshold} điểm',
    en: 'Where each commune falls short of {threshold}',
  },
  'heatmap.caption': {
    vi: 'Điểm chung và bốn khía cạnh, đợt {wave}',
    en: 'Overall and the four dimensions, wave {wave}',
  },
  'heatmap.how': {
    vi: 'Màu theo khoảng cách tới {threshold} điểm. Bấm tiêu đề cột để sắp xếp (lần đầu: thấp nhất trước); bấm một ô để mở xã ở khía cạnh đó.',
    en: 'Colour by the distance to {threshold}. Press a column heading to sort (first: lowest first); press a cell to open the commune at that dimension.',
  },
  'heatmap.overall': { vi: 'Điểm chung', en: 'Overall' },
  'heatmap.legend': { vi: 'Chú giải màu', en: 'Colour key' },
  'heatmap.need': {
    vi: 'Chưa đủ mẫu: cần thêm {more} phiếu',
    en: 'Too few: {more} more needed',
  },
  'heatmap.noVerdict': {
    vi: 'Chưa đủ phiếu để kết luận.',
    en: 'Too few responses for a verdict.',
  },
  'heatmap.reached': { vi: 'Đạt từ {threshold}.', en: 'At {threshold} or more.' },
  'heatmap.short': { vi: 'Còn thiếu {gap} điểm.', en: '{gap} points short.' },
  'band.reached': { vi: 'Đạt (từ {threshold})', en: 'Reached ({threshold} or more)' },
  'band.near': { vi: 'Thiếu dưới 5 điểm', en: 'Under 5 short' },
  'band.short': { vi: 'Thiếu 5–10 điểm', en: '5–10 short' },
  'band.far': { vi: 'Thiếu 10–20 điểm', en: '10–20 short' },
  'band.veryFar': { vi: 'Thiếu hơn 20 điểm', en: 'Over 20 short' },
  'band.none': { vi: 'Chưa đủ mẫu, không kết luận', en: 'Too few, no verdict' },

  'priorities.title': {
    vi: 'Cần ưu tiên: điều gì giữ các xã dưới {threshold}',
    en: 'To act on first: what holds communes below {threshold}',
  },
  'priorities.intro': {
    vi: 'Tính trên {judged} / {total} xã, phường đủ mẫu.',
    en: 'Over the {judged} of {total} communes with enough responses.',
  },
  'priorities.dimensionsCaption': {
    vi: 'Số xã, phường dưới {threshold} điểm ở từng khía cạnh',
    en: 'Communes below {threshold} in each dimension',
  },
  'priorities.communesBelow': { vi: 'Số xã dưới {threshold}', en: 'Communes below {threshold}' },
  'priorities.count': { vi: '{below} / {judged}', en: '{below} of {judged}' },
  'priorities.itemsCaption': {
    vi: '{count} câu hỏi giữ nhiều xã, phường dưới ngưỡng nhất',
    en: 'The {count} items holding the most communes below the threshold',
  },
  'priorities.restCaption': { vi: 'Các câu hỏi còn lại', en: 'The other items' },
  'priorities.more': { vi: 'Xem thêm {count} câu hỏi', en: 'Show {count} more items' },
  'priorities.lowest': { vi: 'Điểm thấp nhất', en: 'Lowest mean' },
  'priorities.unnamed': { vi: '(câu hỏi không có lời)', en: '(question without wording)' },
  ...populationMessages,
  ...languagesMessages,
  ...wavesMessages,
  ...questionnaireMessages,
  ...weightsMessages,
  ...paperMessages,
};

/** Looks a staff message up in the current language. */
export const t = (key: string, values?: Record<string, string | number>) =>
  translate(staffMessages, key, values);
