import type { Kysely } from 'kysely';

type CommuneRow = { code: string; name: string; kind: 'ward' | 'commune' };

/**
 * The official list of the 56 communes and wards as it stood when this migration was first
 * released, frozen here: a migration is history, so it inserts the same rows on every
 * database, whatever later happens to the list the server reads or to its parser. A change to
 * the list is a new migration.
 */
const communes: CommuneRow[] = [
  { code: '01273', name: 'Thục Phán', kind: 'ward' },
  { code: '01279', name: 'Nùng Trí Cao', kind: 'ward' },
  { code: '01288', name: 'Tân Giang', kind: 'ward' },
  { code: '01290', name: 'Bảo Lâm', kind: 'commune' },
  { code: '01294', name: 'Lý Bôn', kind: 'commune' },
  { code: '01297', name: 'Nam Quang', kind: 'commune' },
  { code: '01304', name: 'Quảng Lâm', kind: 'commune' },
  { code: '01318', name: 'Yên Thổ', kind: 'commune' },
  { code: '01321', name: 'Bảo Lạc', kind: 'commune' },
  { code: '01324', name: 'Cốc Pàng', kind: 'commune' },
  { code: '01327', name: 'Cô Ba', kind: 'commune' },
  { code: '01336', name: 'Khánh Xuân', kind: 'commune' },
  { code: '01339', name: 'Xuân Trường', kind: 'commune' },
  { code: '01351', name: 'Hưng Đạo', kind: 'commune' },
  { code: '01354', name: 'Huy Giáp', kind: 'commune' },
  { code: '01360', name: 'Sơn Lộ', kind: 'commune' },
  { code: '01363', name: 'Thông Nông', kind: 'commune' },
  { code: '01366', name: 'Cần Yên', kind: 'commune' },
  { code: '01387', name: 'Thanh Long', kind: 'commune' },
  { code: '01392', name: 'Trường Hà', kind: 'commune' },
  { code: '01393', name: 'Lũng Nặm', kind: 'commune' },
  { code: '01414', name: 'Tổng Cọt', kind: 'commune' },
  { code: '01438', name: 'Hà Quảng', kind: 'commune' },
  { code: '01447', name: 'Trà Lĩnh', kind: 'commune' },
  { code: '01456', name: 'Quang Hán', kind: 'commune' },
  { code: '01465', name: 'Quang Trung', kind: 'commune' },
  { code: '01477', name: 'Trùng Khánh', kind: 'commune' },
  { code: '01489', name: 'Đình Phong', kind: 'commune' },
  { code: '01501', name: 'Đàm Thủy', kind: 'commune' },
  { code: '01525', name: 'Đoài Dương', kind: 'commune' },
  { code: '01537', name: 'Lý Quốc', kind: 'commune' },
  { code: '01552', name: 'Quang Long', kind: 'commune' },
  { code: '01558', name: 'Hạ Lang', kind: 'commune' },
  { code: '01561', name: 'Vinh Quý', kind: 'commune' },
  { code: '01576', name: 'Quảng Uyên', kind: 'commune' },
  { code: '01594', name: 'Độc Lập', kind: 'commune' },
  { code: '01618', name: 'Hạnh Phúc', kind: 'commune' },
  { code: '01636', name: 'Bế Văn Đàn', kind: 'commune' },
  { code: '01648', name: 'Phục Hòa', kind: 'commune' },
  { code: '01654', name: 'Hòa An', kind: 'commune' },
  { code: '01660', name: 'Nam Tuấn', kind: 'commune' },
  { code: '01699', name: 'Nguyễn Huệ', kind: 'commune' },
  { code: '01708', name: 'Bạch Đằng', kind: 'commune' },
  { code: '01726', name: 'Nguyên Bình', kind: 'commune' },
  { code: '01729', name: 'Tĩnh Túc', kind: 'commune' },
  { code: '01738', name: 'Ca Thành', kind: 'commune' },
  { code: '01747', name: 'Minh Tâm', kind: 'commune' },
  { code: '01768', name: 'Phan Thanh', kind: 'commune' },
  { code: '01774', name: 'Tam Kim', kind: 'commune' },
  { code: '01777', name: 'Thành Công', kind: 'commune' },
  { code: '01786', name: 'Đông Khê', kind: 'commune' },
  { code: '01789', name: 'Canh Tân', kind: 'commune' },
  { code: '01792', name: 'Kim Đồng', kind: 'commune' },
  { code: '01795', name: 'Minh Khai', kind: 'commune' },
  { code: '01807', name: 'Thạch An', kind: 'commune' },
  { code: '01822', name: 'Đức Long', kind: 'commune' },
];

export async function up(db: Kysely<unknown>) {
  await (db as Kysely<{ communes: CommuneRow }>).insertInto('communes').values(communes).execute();
}

export async function down(db: Kysely<unknown>) {
  await (db as Kysely<{ communes: { code: string } }>).deleteFrom('communes').execute();
}
