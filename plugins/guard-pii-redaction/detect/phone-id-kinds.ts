/**
 * Round 28: a person's own number of a kind that is not a phone: a student's, an employee's or a matriculation number
 * (`Mon numéro étudiant c'est 22108734`, `رقمي الجامعي 20231187`, `mi número de estudiante`, `meu número de matrícula`,
 * `numer indeksu`, `Matrikelnummer`, `student ID`, `학번`, `学号`). "My number" and "mon numéro" are phone cues (see phone-cues.ts);
 * the word that qualifies the noun says which number it is. Schools and employers hand these out as eight to ten digits,
 * often led by the year of enrolment, which a national phone number of many countries may be.
 *
 * Asked only of a context in which a phone cue was found: the kind word must stand right after the number noun (`numéro
 * étudiant`, `número de estudiante`, `رقم الطالب`) or right before it (`student number`, `employee no.`), so a phone of a
 * students' residence (`Numéro fixe de la résidence étudiante :`) keeps its cue.
 */
import { prefixTree } from './alternation.js';

/** Words for a student, a pupil, a matriculation, an employee or a member of staff, in the languages of the corpus. */
const ID_KINDS = prefixTree([
  'student\\p{L}*', 'étudiant\\p{L}*', "d['’]étudiant\\p{L}*", 'estudiante', 'alumn[oa]', 'alun[oa]', 'alumno', 'aluno', 'studente', 'matr[ií]cula',
  'matricola', 'matrikel\\p{L}*', 'élève', "d['’]élève", 'employee', 'employé\\p{L}*', "d['’]employé\\p{L}*", 'empleado', 'funcionári[oa]', 'dipendente',
  'personnel', 'staff', 'enrol?lment', 'admission', 'roll', 'badge', 'indeksu', 'legitymacji', 'studenta', 'öğrenci', 'sicil', 'okul',
  'студент\\p{L}*', 'студенческ\\p{L}*', 'студэнт\\p{L}*', 'студэнцк\\p{L}*', 'зач[её]тк\\p{L}*', 'табельн\\p{L}*', 'студентськ\\p{L}*', 'sinh viên', 'học sinh', 'nhân viên', 'mahasiswa', 'siswa', 'induk',
  'الجامعي', 'الجامعية', 'جامعي', 'الطالب', 'الطالبة', 'الطلابي', 'طالب', 'القيد', 'الوظيفي', 'الموظف', 'الأكاديمي', 'دانشجویی', 'دانشجو',
  'پرسنلی', 'כרטיס סטודנט', 'סטודנט',
]);
/** Number nouns that a kind word qualifies (before or after it). */
const NUMBER_NOUNS = prefixTree([
  'numéro', 'número', 'numero', 'number', 'numer', 'nummer', 'nr\\.?', 'no\\.?', 'num\\.?', 'id', '#', 'numara\\p{L}*', 'nomor', 'номер\\p{L}*',
  'số', 'mã số', 'mã', 'رقمي', 'رقمه', 'رقمها', 'رقم', 'شماره', 'شمارهٔ', 'מספר',
]);
const OWN_ID_NUMBER = new RegExp(
  String.raw`(?:(?<![\p{L}])(?:(?:${NUMBER_NOUNS})\s*(?:(?:de|do|da|di|del|du|d['’]|of)\s*)?(?:${ID_KINDS})|(?:${ID_KINDS})[\s-]?(?:${NUMBER_NOUNS})|matrikelnummer|studentnummer|studienummer|elevnummer|personalnummer|mitarbeiternummer|opiskelijanumero)(?![\p{L}])|学号|學號|工号|工號|学籍番号|学生番号|社員番号|학번|사번)[^\d\n]{0,12}$`,
  'iu',
);

/** Whether the context right before a number names it a student's, an employee's or a matriculation number. */
export function namesOwnIdNumber(context: string): boolean {
  return OWN_ID_NUMBER.test(context);
}
