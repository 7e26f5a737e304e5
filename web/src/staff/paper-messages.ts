import type { Messages } from '../shared/i18n.ts';

/** The paper forms' screens (batches, entry, conflicts) and the CSV import: Vietnamese first. */
export const paperMessages: Messages = {
  'nav.paperBatches': { vi: 'Phiếu giấy', en: 'Paper forms' },
  'nav.paperEntry': { vi: 'Nhập phiếu', en: 'Form entry' },
  'nav.paperConflicts': { vi: 'Phiếu lệch', en: 'Conflicts' },
  'nav.imports': { vi: 'Nhập CSV', en: 'CSV import' },
  'role.enumerator': { vi: 'Nhập liệu', en: 'Data entry' },
  'audit.action.paper.batch_create': {
    vi: 'In lô phiếu giấy',
    en: 'Printed a batch of paper forms',
  },
  'audit.action.paper.entry': { vi: 'Nhập một phiếu giấy', en: 'Entered a paper form' },
  'audit.action.paper.resolve': { vi: 'Xử lý phiếu lệch', en: 'Resolved a paper conflict' },
  'audit.action.responses.import': { vi: 'Nhập phiếu từ CSV', en: 'Imported responses from CSV' },

  'batches.title': { vi: 'Phiếu giấy: các lô in', en: 'Paper forms: printed batches' },
  'batches.intro': {
    vi:
      'Mỗi lô là một xấp phiếu giấy đánh số cho một xã và một đợt. Mỗi phiếu có số sê-ri riêng ' +
      '(mã xã, số lô, số phiếu, chữ số kiểm tra), in bằng chữ và mã QR; mỗi số chỉ dùng được một lần.',
    en:
      'A batch is a stack of numbered paper forms for one commune and one wave. Each form has ' +
      'its own serial (commune code, batch, form number, check digit), printed as text and as a ' +
      'QR code; each serial counts once.',
  },
  'batches.create': { vi: 'In lô mới', en: 'Print a new batch' },
  'batches.wave': { vi: 'Đợt khảo sát', en: 'Survey wave' },
  'batches.chooseWave': { vi: 'Chọn đợt…', en: 'Choose a wave…' },
  'batches.count': { vi: 'Số phiếu', en: 'Number of forms' },
  'batches.countHint': { vi: 'Từ 1 đến {max} phiếu một lô.', en: 'From 1 to {max} forms a batch.' },
  'batches.language': { vi: 'Ngôn ngữ của phiếu', en: 'Language of the forms' },
  'batches.languageHint': {
    vi: 'Chỉ các ngôn ngữ đã dịch đủ.',
    en: 'Only languages translated in full.',
  },
  'batches.createButton': { vi: 'Tạo lô phiếu', en: 'Create the batch' },
  'batches.created': {
    vi: 'Đã tạo lô {number} của {commune}: {count} phiếu.',
    en: 'Batch {number} of {commune} created: {count} forms.',
  },
  'batches.none': { vi: 'Chưa in lô phiếu nào.', en: 'No batch printed yet.' },
  'batches.caption': { vi: '{count} lô phiếu đã in', en: '{count} batches printed' },
  'batches.commune': { vi: 'Xã, phường', en: 'Commune' },
  'batches.number': { vi: 'Lô số', en: 'Batch' },
  'batches.forms': { vi: 'Số phiếu', en: 'Forms' },
  'batches.createdBy': { vi: 'Người tạo, lúc', en: 'Created by, at' },
  'batches.print': { vi: 'Xem và in', en: 'View and print' },
  'batches.printNamed': {
    vi: 'Xem và in lô {number} của {commune}',
    en: 'View and print batch {number} of {commune}',
  },

  'paperPrint.back': { vi: '← Các lô phiếu', en: '← Batches' },
  'paperPrint.print': { vi: 'In', en: 'Print' },
  'paperPrint.hint': {
    vi: 'Trang được dàn cho giấy A4, mỗi phiếu bắt đầu ở trang mới. Khi in, chọn khổ A4, tỉ lệ 100%.',
    en: 'Laid out for A4 paper, each form starting on a new page. Print on A4 at 100% scale.',
  },
  'paperPrint.title': {
    vi: 'Lô {number} · {commune} · {count} phiếu',
    en: 'Batch {number} · {commune} · {count} forms',
  },

  'entry.title': { vi: 'Nhập phiếu giấy', en: 'Paper form entry' },
  'entry.intro': {
    vi:
      'Gõ số sê-ri rồi Enter, sau đó từng câu trả lời theo thứ tự trên phiếu, mỗi câu một số rồi ' +
      'Enter (hoặc Tab). Bỏ trống: câu không trả lời. 98: không biết, 99: không áp dụng. ' +
      'Shift+Tab để quay lại câu trước, Esc để bỏ phiếu đang nhập.',
    en:
      'Type the serial and Enter, then each answer in the order of the paper, one number and ' +
      'Enter (or Tab). Left empty: not answered. 98: don’t know, 99: not applicable. Shift+Tab ' +
      'goes back a question, Esc drops the form being typed.',
  },
  'entry.serial': { vi: 'Số sê-ri của phiếu', en: "The form's serial" },
  'entry.serialHint': {
    vi: '14 chữ số, gạch ngang có hay không đều được: 01273-0001-0007-4',
    en: '14 digits, dashes or not: 01273-0001-0007-4',
  },
  'entry.serialShape': {
    vi: 'Số sê-ri có 14 chữ số: CCCCC-BBBB-NNNN-D.',
    en: 'A serial has 14 digits: CCCCC-BBBB-NNNN-D.',
  },
  'entry.serialCheck': {
    vi: 'Chữ số kiểm tra không khớp: có một chữ số gõ nhầm. Xem lại số trên phiếu.',
    en: 'The check digit does not match: a digit is mistyped. Look at the paper again.',
  },
  'entry.serialZero': {
    vi: 'Số lô hoặc số phiếu 0000 không bao giờ được in.',
    en: 'Batch or form number 0000 is never printed.',
  },
  'entry.serialOk': { vi: 'Số sê-ri hợp lệ. Bấm Enter.', en: 'The serial is valid. Press Enter.' },
  'entry.checking': { vi: 'Đang kiểm tra số sê-ri…', en: 'Checking the serial…' },
  'entry.unknownSerial': {
    vi: 'Số sê-ri {serial} không có trong lô nào đã in.',
    en: 'Serial {serial} is in no printed batch.',
  },
  'entry.otherCommune': {
    vi: 'Phiếu {serial} thuộc xã bạn không được giao nhập.',
    en: 'Form {serial} is of a commune you are not assigned to.',
  },
  'entry.enteredByYou': {
    vi: 'Bạn đã nhập phiếu {serial} rồi. Lần nhập thứ hai phải do người khác làm.',
    en: 'You have entered form {serial} already. The second entry must be someone else’s.',
  },
  'entry.alreadyVerified': {
    vi: 'Phiếu {serial} đã được nhập đủ hai lần và khớp. Không cần nhập nữa.',
    en: 'Form {serial} has been entered twice and agreed. No more entry needed.',
  },
  'entry.alreadyConflict': {
    vi: 'Phiếu {serial} đã có hai lần nhập khác nhau và đang chờ xử lý.',
    en: 'Form {serial} has two differing entries and awaits resolution.',
  },
  'entry.form': {
    vi: 'Phiếu {serial} · {commune} · đợt {wave} · {state}',
    en: 'Form {serial} · {commune} · wave {wave} · {state}',
  },
  'entry.state.not_entered': { vi: 'chưa nhập lần nào', en: 'not entered yet' },
  'entry.state.awaiting_second': { vi: 'đã nhập 1 lần', en: 'entered once' },
  'entry.answers': { vi: 'Các câu trả lời', en: 'Answers' },
  'entry.question': { vi: 'Câu {number}: {title}', en: 'Question {number}: {title}' },
  'entry.codes': { vi: 'Mã: {codes}', en: 'Codes: {codes}' },
  'entry.blank': { vi: 'bỏ trống', en: 'left blank' },
  'entry.notNumber': {
    vi: 'Chỉ gõ số: {allowed}, hoặc để trống.',
    en: 'Numbers only: {allowed}, or leave empty.',
  },
  'entry.notCode': {
    vi: '{typed} không phải mã của câu này. Mã được dùng: {allowed}.',
    en: '{typed} is not a code of this question. Codes: {allowed}.',
  },
  'entry.repeated': { vi: 'Một mã gõ hai lần.', en: 'A code is typed twice.' },
  'entry.completedOn': { vi: 'Ngày trả lời ghi trên phiếu', en: 'Day written on the form' },
  'entry.completedOnHint': {
    vi: 'Ngày tháng năm, 8 chữ số (02122026), hoặc để trống.',
    en: 'Day, month, year: 8 digits (02122026), or leave empty.',
  },
  'entry.badDay': {
    vi: 'Không phải một ngày: gõ 8 chữ số ngày-tháng-năm, ví dụ 02122026.',
    en: 'Not a day: type 8 digits day-month-year, e.g. 02122026.',
  },
  'entry.summary': { vi: 'Kiểm tra lại trước khi gửi', en: 'Check before sending' },
  'entry.summaryCaption': {
    vi: 'Phiếu {serial}: {answered} / {total} câu có trả lời',
    en: 'Form {serial}: {answered} of {total} questions answered',
  },
  'entry.col.number': { vi: 'Câu', en: 'No.' },
  'entry.col.question': { vi: 'Câu hỏi', en: 'Question' },
  'entry.col.code': { vi: 'Mã', en: 'Code' },
  'entry.col.answer': { vi: 'Trả lời', en: 'Answer' },
  'entry.confirm': { vi: 'Gửi phiếu (Enter)', en: 'Send the form (Enter)' },
  'entry.startOver': { vi: 'Bỏ, nhập phiếu khác', en: 'Drop it, enter another form' },
  'entry.sending': { vi: 'Đang gửi…', en: 'Sending…' },
  'entry.result.awaiting_second': {
    vi: 'Đã lưu phiếu {serial} (lần nhập thứ nhất). Chờ người thứ hai nhập.',
    en: 'Form {serial} saved (first entry). It awaits a second entry by someone else.',
  },
  'entry.result.verified': {
    vi: 'Phiếu {serial}: hai lần nhập khớp nhau. Đã lưu thành phiếu trả lời.',
    en: 'Form {serial}: the two entries agree. Stored as a response.',
  },
  'entry.result.conflict': {
    vi: 'Phiếu {serial}: hai lần nhập khác nhau. Phiếu chờ người quản lý đối chiếu với giấy.',
    en: 'Form {serial}: the two entries differ. It waits for a supervisor to check the paper.',
  },
  'entry.offline': {
    vi: 'Không gửi được: mất kết nối với máy chủ. Các số đã gõ vẫn còn; bấm Enter để gửi lại.',
    en: 'Not sent: the server cannot be reached. What you typed is kept; press Enter to send again.',
  },
  'entry.serverError': {
    vi: 'Máy chủ gặp lỗi ({status}). Các số đã gõ vẫn còn; bấm Enter để gửi lại sau ít phút.',
    en: 'The server failed ({status}). What you typed is kept; press Enter to send again in a few minutes.',
  },
  'entry.refused': {
    vi: 'Máy chủ không nhận phiếu: {message}',
    en: 'The server refused the form: {message}',
  },
  'entry.decided': {
    vi: 'Phiếu {serial} đã được nhập đủ hai lần. Không cần nhập lại; phiếu lệch (nếu có) do người phân tích quyết định.',
    en: 'Form {serial} has been entered twice already. It needs no more entries; an analyst decides any differences.',
  },
  'entry.noOpenWave': {
    vi: 'Đợt khảo sát của phiếu {serial} không còn nhận phiếu. Hãy hỏi quản trị viên.',
    en: 'The survey round of form {serial} no longer takes responses. Ask an administrator.',
  },
  'entry.duplicate': {
    vi: 'Bạn đã nhập phiếu {serial} rồi. Lần nhập thứ hai phải do người khác làm.',
    en: 'You have entered form {serial} already. The second entry must be someone else’s.',
  },
  'entry.count': {
    vi: 'Đã gửi trong phiên này: {count} phiếu',
    en: 'Sent this session: {count} forms',
  },

  'conflicts.title': { vi: 'Phiếu giấy lệch nhau', en: 'Paper forms in conflict' },
  'conflicts.intro': {
    vi:
      'Hai lần nhập của các phiếu này khác nhau. Đối chiếu với phiếu giấy, chọn hoặc gõ giá trị ' +
      'đúng cho từng câu lệch, ghi lý do rồi lưu. Cả hai lần nhập vẫn được giữ lại.',
    en:
      'The two entries of these forms differ. Look at the paper, choose or type the right value ' +
      'for each differing question, give the reason, and save. Both entries are kept.',
  },
  'conflicts.allCommunes': { vi: 'Tất cả xã, phường', en: 'All communes' },
  'conflicts.none': { vi: 'Không có phiếu nào lệch.', en: 'No form in conflict.' },
  'conflicts.count': { vi: '{count} phiếu lệch', en: '{count} forms in conflict' },
  'conflicts.form': {
    vi: 'Phiếu {serial} · {commune} · đợt {wave}',
    en: 'Form {serial} · {commune} · wave {wave}',
  },
  'conflicts.entries': {
    vi: 'Lần 1: {first}. Lần 2: {second}.',
    en: 'Entry 1: {first}. Entry 2: {second}.',
  },
  'conflicts.caption': {
    vi: 'Các câu lệch của phiếu {serial}: lần nhập 1, lần nhập 2 và giá trị quyết định',
    en: 'The differing questions of form {serial}: entry 1, entry 2 and the decided value',
  },
  'conflicts.col.question': { vi: 'Câu hỏi', en: 'Question' },
  'conflicts.col.first': { vi: 'Lần nhập 1', en: 'Entry 1' },
  'conflicts.col.second': { vi: 'Lần nhập 2', en: 'Entry 2' },
  'conflicts.col.decided': { vi: 'Giá trị đúng (mã)', en: 'Decided value (code)' },
  'conflicts.take': { vi: 'Lấy {value}', en: 'Take {value}' },
  'conflicts.takeNamed': {
    vi: 'Lấy {value}: lần nhập {entry}, {question}',
    en: 'Take {value}: entry {entry}, {question}',
  },
  'conflicts.decidedLabel': {
    vi: 'Giá trị đúng cho {question}',
    en: 'Decided value for {question}',
  },
  'conflicts.completedOn': { vi: 'Ngày trả lời', en: 'Day answered' },
  'conflicts.reason': { vi: 'Lý do (điều ghi trên giấy)', en: 'Reason (what the paper says)' },
  'conflicts.resolve': { vi: 'Lưu quyết định', en: 'Save the decision' },
  'conflicts.undecided': {
    vi: 'Còn câu chưa quyết định: {questions}.',
    en: 'Still undecided: {questions}.',
  },
  'conflicts.reasonShort': {
    vi: 'Ghi lý do, ít nhất 5 ký tự.',
    en: 'Give a reason of at least 5 characters.',
  },
  'conflicts.resolved': {
    vi: 'Đã lưu phiếu {serial} với các giá trị đã quyết định.',
    en: 'Form {serial} stored with the decided values.',
  },

  'imports.title': { vi: 'Nhập phiếu từ tệp CSV', en: 'Import responses from CSV' },
  'imports.intro': {
    vi:
      'Tệp CSV UTF-8 từ công cụ khác (ODK, Kobo, Excel): dòng đầu là tên các câu hỏi, thêm cột ' +
      'row_id (mã dòng không đổi), commune_code và có thể completed_at; mỗi dòng một phiếu. ' +
      'Kiểm tra trước, rồi mới nhập. Nhập lại cùng một tệp không thêm gì.',
    en:
      'A UTF-8 CSV from another tool (ODK, Kobo, Excel): a header row of question names plus ' +
      'row_id (a stable row id), commune_code and optionally completed_at; one row a response. ' +
      'Check first, then import. Importing the same file again adds nothing.',
  },
  'imports.file': { vi: 'Tệp CSV', en: 'CSV file' },
  'imports.source': { vi: 'Nguồn dữ liệu', en: 'Source' },
  'imports.sourceHint': {
    vi: 'Tên công cụ, chữ thường: csv, kobo, odk… Ghi vào từng phiếu.',
    en: 'The tool’s name in lower case: csv, kobo, odk… Recorded on each response.',
  },
  'imports.check': { vi: 'Kiểm tra (chưa lưu)', en: 'Check (stores nothing)' },
  'imports.run': { vi: 'Nhập {count} dòng hợp lệ', en: 'Import the {count} valid rows' },
  'imports.busy': { vi: 'Đang xử lý…', en: 'Working…' },
  'imports.noFile': { vi: 'Chọn một tệp CSV trước.', en: 'Choose a CSV file first.' },
  'imports.dryTitle': { vi: 'Kết quả kiểm tra', en: 'What the check found' },
  'imports.doneTitle': { vi: 'Đã nhập', en: 'Imported' },
  'imports.rows': { vi: 'Số dòng', en: 'Rows' },
  'imports.valid': { vi: 'Hợp lệ', en: 'Valid' },
  'imports.unchanged': { vi: 'Đã có, không đổi', en: 'Already stored, unchanged' },
  'imports.wouldStore': { vi: 'Sẽ lưu', en: 'Would be stored' },
  'imports.stored': { vi: 'Đã lưu', en: 'Stored' },
  'imports.problemsCaption': {
    vi: '{count} lỗi theo dòng: các dòng có lỗi sẽ không được nhập',
    en: '{count} problems by line: rows with problems are not imported',
  },
  'imports.noProblems': { vi: 'Không có lỗi nào.', en: 'No problems.' },
  'imports.line': { vi: 'Dòng', en: 'Line' },
  'imports.column': { vi: 'Cột', en: 'Column' },
  'imports.message': { vi: 'Lỗi', en: 'Problem' },
  'imports.wholeRow': { vi: '(cả dòng)', en: '(the row)' },
  'imports.changedFile': {
    vi: 'Tệp đã đổi sau lần kiểm tra: kiểm tra lại trước khi nhập.',
    en: 'The file changed since the check: check it again before importing.',
  },

  'users.communes': { vi: 'Các xã được nhập phiếu', en: 'Communes to enter forms of' },
  'users.communesHint': {
    vi: 'Chọn một hay nhiều xã (giữ Ctrl hoặc Shift để chọn nhiều).',
    en: 'Choose one or more (hold Ctrl or Shift to choose several).',
  },

  'progress.paper': { vi: 'Phiếu giấy', en: 'Paper forms' },
  'progress.paperTotal': {
    vi: 'Phiếu giấy: in {printed}, nhập 1 lần {once}, đã khớp {verified}, lệch {conflicts}.',
    en: 'Paper forms: printed {printed}, entered once {once}, verified {verified}, in conflict {conflicts}.',
  },
  'progress.paperCell': {
    vi: 'in {printed} · nhập 1 lần {once} · khớp {verified} · lệch {conflicts}',
    en: 'printed {printed} · once {once} · verified {verified} · conflicts {conflicts}',
  },
};
