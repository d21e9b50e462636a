// The people of a visit, asked once: the forms' `person:` fields say which roles and items they print; the kiosk
// asks one screen per person (一緒に届け出るご家族) with the union of those items, and every form binds the same answers.
import type { AnswerCondition, AnswerProblem, Localized, Question, QuestionGroup } from '../contract/kiosk';
import {
  HOUSEHOLD_LIMIT,
  askedItemOf,
  hasRole,
  householdKey,
  householdMembers,
  relationships,
  type AskedItem,
  type PersonRole,
} from '../forms/model/people';
import { parseSource } from '../forms/model/source';
import type { Template } from '../forms/model/template';

export interface HouseholdPlan {
  /** How many people the kiosk offers to enter. */
  slots: number;
  /** The most of a role the forms can hold (spouse 1, child 3 on the 児童手当); more is refused with a message. */
  caps: Partial<Record<PersonRole, number>>;
  /** Roles a form needs at least one of (児童手当: a child). */
  needed: PersonRole[];
  /** Each asked item and the roles whose forms print it (member: everyone). */
  items: Map<AskedItem, Set<PersonRole>>;
  /** The fields that print each item, for the review's links. */
  usedBy: Map<AskedItem, { templateId: string; fieldId: string }[]>;
  /** The forms that print each item, per role (a spouse's My Number: 児童手当 only; a child's: 児童手当 and 保育). */
  formsByRole: Map<AskedItem, Map<PersonRole, Set<string>>>;
  /** Some form prints a person's name in a kanji box: the clerk writes the kanji from the reading. */
  kanjiByClerk: boolean;
  maxLength: Partial<Record<AskedItem, number>>;
  /** Items every form that prints them requires (保育's child's 個人番号): asked as required, not "leave it empty". */
  required: Set<AskedItem>;
}

/** The people the forms of a procedure print, or undefined when none of them has a `person:` field. A form the
 *  resident may leave out (a bundle's `when`) does not make anyone required. */
export function householdPlan(templates: readonly Template[], optionalForms: ReadonlySet<string> = new Set()): HouseholdPlan | undefined {
  const caps: Partial<Record<PersonRole, number>> = {};
  const needed = new Set<PersonRole>();
  const items = new Map<AskedItem, Set<PersonRole>>();
  const usedBy = new Map<AskedItem, { templateId: string; fieldId: string }[]>();
  const maxLength: Partial<Record<AskedItem, number>> = {};
  const optionalItems = new Set<AskedItem>();
  const formsByRole = new Map<AskedItem, Map<PersonRole, Set<string>>>();
  let kanjiByClerk = false;
  let any = false;
  for (const t of templates) {
    for (const f of t.fields) {
      const s = parseSource(f.source, f.id);
      if (s.kind !== 'person') continue;
      any = true;
      caps[s.role] = Math.max(caps[s.role] ?? 0, s.index + 1);
      if (s.index === 0 && f.validation?.required === true && !optionalForms.has(t.id)) needed.add(s.role);
      if (s.item === 'name' && f.kanji === 'clerk') kanjiByClerk = true;
      const item = askedItemOf(s.item);
      if (item === undefined) continue;
      if (!items.has(item)) items.set(item, new Set());
      items.get(item)!.add(s.role);
      usedBy.set(item, [...(usedBy.get(item) ?? []), { templateId: t.id, fieldId: f.id }]);
      if (f.validation?.required !== true || optionalForms.has(t.id)) optionalItems.add(item);
      if (!formsByRole.has(item)) formsByRole.set(item, new Map());
      const byRole = formsByRole.get(item)!;
      byRole.set(s.role, new Set([...(byRole.get(s.role) ?? []), t.id]));
      const m = f.validation?.maxLength;
      if (m !== undefined) maxLength[item] = Math.min(maxLength[item] ?? m, m);
    }
  }
  if (!any) return undefined;
  // Everyone entered must fit the forms that list everyone (the 異動届's rows); else the roles' rows together.
  const slots = Math.min(HOUSEHOLD_LIMIT, caps.member ?? (caps.spouse ?? 0) + (caps.child ?? 0));
  // The items every person gives: who they are, so each form can pick its roles.
  for (const item of ['relationship', 'kana', 'birthDate', 'sex'] as const) {
    if (!items.has(item)) items.set(item, new Set());
    items.get(item)!.add('member');
  }
  const required = new Set([...usedBy.keys()].filter((item) => !optionalItems.has(item)));
  return { slots, caps, needed: [...needed], items, usedBy, formsByRole, kanjiByClerk, maxLength, required };
}

/** The group id of the n-th person's screen. */
export const householdGroup = (n: number): string => `household-${n}`;

const TYPED: ReadonlySet<AskedItem> = new Set(['kana', 'occupation', 'workplace']);

const ORDER: AskedItem[] = ['relationship', 'kana', 'birthDate', 'sex', 'living', 'myNumber', 'occupation', 'workplace'];

/** The screens and questions of the people step: person 1 is asked outright when a form needs someone, else offered. */
export function householdQuestions(
  plan: HouseholdPlan,
  /** The bundle condition under which any of these forms is chosen (a spouse's 職業 only once 児童手当 is chosen). */
  conditionOf: (usedBy: readonly { templateId: string }[]) => AnswerCondition | undefined = () => undefined,
): { questions: Question[]; groups: QuestionGroup[] } {
  const questions: Question[] = [];
  const groups: QuestionGroup[] = [];
  for (let n = 1; n <= plan.slots; n++) {
    const group = householdGroup(n);
    const optional = n > 1 || plan.needed.length === 0;
    groups.push({
      id: group,
      label: PERSON_TITLE(n),
      person: n,
      ...(optional ? { optional: { ask: n === 1 ? ASK_FIRST : ASK_MORE(n), ...(n > 1 && (n > 2 || plan.needed.length === 0) ? { after: householdGroup(n - 1) } : {}) } } : {}),
    });
    for (const item of ORDER) {
      const roles = plan.items.get(item);
      if (!roles) continue;
      const everyone = roles.has('member');
      const when = everyone ? undefined : { key: householdKey(n, 'relationship'), in: [...roles] };
      const also = everyone ? undefined : formsCondition(householdKey(n, 'relationship'), plan.formsByRole.get(item), conditionOf);
      questions.push({
        key: householdKey(n, item),
        ...ITEM_QUESTION[item],
        ...(plan.required.has(item) ? { required: true, ...REQUIRED_HELP[item] } : {}),
        // The forms' shortest box bounds what is typed (the choices and dates keep their own controls).
        ...(TYPED.has(item) && plan.maxLength[item] !== undefined ? { maxLength: plan.maxLength[item] } : {}),
        ...(item === 'kana' && plan.kanjiByClerk ? { kanjiByClerk: true as const } : {}),
        usedBy: plan.usedBy.get(item) ?? [],
        ...(when ? { when } : {}),
        ...(also ? { also } : {}),
        group,
      });
    }
  }
  return { questions, groups };
}

/** While a person's item is asked: the forms that print it for their role are, or may be, chosen. One condition when
 *  every role's forms are chosen alike; else per role (a child's My Number for 児童手当 or 保育, a spouse's for 児童手当). */
function formsCondition(
  relationshipKey: string,
  byRole: ReadonlyMap<PersonRole, ReadonlySet<string>> | undefined,
  conditionOf: (usedBy: readonly { templateId: string }[]) => AnswerCondition | undefined,
): AnswerCondition | undefined {
  const perRole = [...(byRole ?? new Map<PersonRole, ReadonlySet<string>>())].map(([role, forms]) => ({ role, when: conditionOf([...forms].map((templateId) => ({ templateId }))) }));
  const same = perRole.every((r) => JSON.stringify(r.when) === JSON.stringify(perRole[0]?.when));
  if (same) return perRole[0]?.when;
  return perRole.reduceRight<AnswerCondition | undefined>((orElse, r) => {
    const alternative: AnswerCondition = { key: relationshipKey, in: [r.role], ...(r.when ? { and: r.when } : {}) };
    return orElse ? { ...alternative, orElse } : alternative;
  }, undefined);
}

/** More people of a role than the forms hold: said on that person's screen. (A form that needs a child and got none
 *  shows it on the review, as any required field does: the resident may still be entering people.) */
export function householdProblems(plan: HouseholdPlan, answers: ReadonlyMap<string, unknown>, given: ReadonlySet<string>): AnswerProblem[] {
  const out: AnswerProblem[] = [];
  const members = householdMembers(answers);
  for (const role of ['spouse', 'child'] as const) {
    const cap = plan.caps[role];
    if (cap === undefined) continue;
    const ofRole = members.filter((n) => hasRole(answers, n, role));
    for (const n of ofRole.slice(cap)) {
      const key = householdKey(n, 'relationship');
      if (given.has(key)) out.push({ key, code: 'cross-field', message: TOO_MANY[role](cap) });
    }
  }
  return out;
}

const L = (ja: string, easy: string, en: string, zh: string, ko: string, vi: string, pt: string): Localized => ({ ja, easy, en, 'zh-Hans': zh, ko, vi, pt });

const PERSON_TITLE = (n: number): Localized =>
  L(
    `一緒に届け出るご家族（${n}人目）`,
    `いっしょに とどける かぞく（${n}にんめ）`,
    `Family member in this application (person ${n})`,
    `一起申报的家人（第${n}位）`,
    `함께 신고하는 가족 (${n}번째)`,
    `Người nhà cùng khai (người thứ ${n})`,
    `Familiar incluído neste pedido (pessoa ${n})`,
  );

const ASK_FIRST = L(
  'ご家族など、一緒に届け出る人はいますか？',
  'かぞくなど、いっしょに とどける ひとは いますか？',
  'Is anyone else (such as family) part of this application?',
  '有没有家人等一起申报的人？',
  '가족 등 함께 신고하는 사람이 있습니까?',
  'Có ai (như người nhà) cùng khai không?',
  'Há mais alguém (por exemplo, familiares) neste pedido?',
);

const ASK_MORE = (n: number): Localized =>
  L(
    `ほかにも一緒に届け出る人はいますか？（${n}人目）`,
    `ほかにも いっしょに とどける ひとは いますか？（${n}にんめ）`,
    `Is there another person in this application? (person ${n})`,
    `还有其他一起申报的人吗？（第${n}位）`,
    `함께 신고하는 사람이 더 있습니까? (${n}번째)`,
    `Còn người nào khác cùng khai không? (người thứ ${n})`,
    `Há outra pessoa neste pedido? (pessoa ${n})`,
  );

const RELATIONSHIP_LABELS: Record<(typeof relationships)[number], Localized> = {
  spouse: L('配偶者（夫・妻）', 'つれあい（おっと・つま）', 'Spouse (husband or wife)', '配偶（丈夫或妻子）', '배우자 (남편·아내)', 'Vợ hoặc chồng', 'Cônjuge (marido ou esposa)'),
  child: L('子ども', 'こども', 'Child', '子女', '자녀', 'Con', 'Filho ou filha'),
  parent: L('父・母', 'ちち・はは', 'Father or mother', '父亲或母亲', '아버지·어머니', 'Cha hoặc mẹ', 'Pai ou mãe'),
  grandparent: L('祖父・祖母', 'おじいさん・おばあさん', 'Grandfather or grandmother', '祖父或祖母', '할아버지·할머니', 'Ông hoặc bà', 'Avô ou avó'),
  grandchild: L('孫', 'まご', 'Grandchild', '孙子女', '손주', 'Cháu', 'Neto ou neta'),
  'elder-sibling': L('兄・姉', 'あに・あね', 'Elder brother or sister', '哥哥或姐姐', '형·오빠·누나·언니', 'Anh hoặc chị', 'Irmão ou irmã mais velho(a)'),
  'younger-sibling': L('弟・妹', 'おとうと・いもうと', 'Younger brother or sister', '弟弟或妹妹', '남동생·여동생', 'Em trai hoặc em gái', 'Irmão ou irmã mais novo(a)'),
  other: L('そのほか（続柄は窓口で職員が書きます）', 'そのほか（かんけいは まどぐちで しょくいんが かきます）', 'Other (the clerk writes the relationship)', '其他（关系由窗口职员填写）', '기타 (관계는 창구 직원이 적습니다)', 'Khác (nhân viên ghi quan hệ)', 'Outro (o atendente escreve o parentesco)'),
};

type ItemQuestion = Pick<Question, 'type' | 'label' | 'required'> & Partial<Pick<Question, 'help' | 'options' | 'dateStyle' | 'dateRange' | 'digitCount' | 'maxLength' | 'myNumber'>>;

const ITEM_QUESTION: Record<AskedItem, ItemQuestion> = {
  relationship: {
    type: 'choice',
    label: L('あなたとの関係', 'あなたとの かんけい', 'Relationship to you', '与您的关系', '당신과의 관계', 'Quan hệ với bạn', 'Parentesco com você'),
    required: true,
    options: relationships.map((value) => ({ value, label: RELATIONSHIP_LABELS[value] })),
  },
  kana: {
    type: 'kana',
    label: L('お名前（ふりがな）', 'なまえ（ふりがな）', 'Name (in kana)', '姓名（假名读音）', '이름 (후리가나)', 'Họ tên (chữ kana)', 'Nome (em kana)'),
    required: true,
    maxLength: 60,
  },
  birthDate: {
    type: 'date',
    label: L('生年月日', 'うまれた ひ', 'Date of birth', '出生日期', '생년월일', 'Ngày sinh', 'Data de nascimento'),
    required: true,
    dateStyle: 'wareki',
    dateRange: { notAfter: 'today' },
  },
  sex: {
    type: 'choice',
    label: L('性別', 'せいべつ', 'Sex', '性别', '성별', 'Giới tính', 'Sexo'),
    required: true,
    options: [
      { value: '1', label: L('男', 'おとこ', 'Male', '男', '남', 'Nam', 'Masculino') },
      { value: '2', label: L('女', 'おんな', 'Female', '女', '여', 'Nữ', 'Feminino') },
    ],
  },
  living: {
    type: 'choice',
    label: L('あなたと一緒に住んでいますか', 'あなたと いっしょに すんで いますか', 'Does this person live with you?', '是否与您同住？', '당신과 함께 삽니까?', 'Người này có sống cùng bạn không?', 'Esta pessoa mora com você?'),
    required: true,
    options: [
      { value: 'together', label: L('同居（一緒に住んでいる）', 'いっしょに すんで いる', 'Lives with me', '同住', '동거 (함께 삶)', 'Sống cùng', 'Mora comigo') },
      { value: 'apart', label: L('別居（別に住んでいる）', 'べつに すんで いる', 'Lives apart', '分居', '별거 (따로 삶)', 'Sống riêng', 'Mora separado') },
    ],
  },
  myNumber: {
    type: 'digits',
    label: L('この人の個人番号（マイナンバー、12けた）', 'この ひとの マイナンバー（12けた）', "This person's My Number (12 digits)", '此人的个人编号（12位）', '이 사람의 개인번호 (12자리)', 'Mã số cá nhân của người này (12 chữ số)', 'My Number desta pessoa (12 dígitos)'),
    help: L(
      '配偶者と、別に住んでいるお子さんの分が書類に必要です。分からなければ空けておき、窓口でお伝えください。',
      'つれあいと、べつに すむ こどもの ぶんが ひつようです。わからなければ あけて おいて、まどぐちで つたえて ください。',
      "The form needs it for a spouse and for a child living apart. Leave it empty if you don't know it and tell the clerk.",
      '配偶以及分开居住的子女需要填写。不知道的话请留空，并告知窗口。',
      '배우자와 따로 사는 자녀의 번호가 필요합니다. 모르면 비워 두고 창구에 알려 주세요.',
      'Cần cho vợ/chồng và con sống riêng. Nếu không biết, hãy để trống và báo với nhân viên.',
      'O formulário pede para o cônjuge e para o filho que mora separado. Se não souber, deixe em branco e avise o atendente.',
    ),
    required: false,
    digitCount: 12,
    myNumber: true,
  },
  occupation: {
    type: 'text',
    label: L('職業', 'しごと', 'Occupation', '职业', '직업', 'Nghề nghiệp', 'Profissão'),
    required: false,
  },
  workplace: {
    type: 'text',
    label: L('勤務先', 'はたらいている ところ', 'Workplace', '工作单位', '근무처', 'Nơi làm việc', 'Local de trabalho'),
    required: false,
  },
};

/** The hint of an item a form requires, where the optional one would say "leave it empty". */
const REQUIRED_HELP: Partial<Record<AskedItem, Pick<Question, 'help'>>> = {
  myNumber: {
    help: L(
      'この書類には、この方の個人番号が必要です。この方のマイナンバーカードを読み取るか、通知カードなどを見て入力してください。',
      'この しょるいには この ひとの マイナンバーが ひつようです。この ひとの マイナンバーカードを よみとるか、つうちカード などを みて いれて ください。',
      "This form needs this person's My Number. Read their My Number Card, or type it from their notification card or a similar paper.",
      '此表格需要此人的个人编号。请读取此人的个人编号卡，或参照通知卡等输入。',
      '이 서류에는 이 사람의 개인번호가 필요합니다. 이 사람의 마이넘버카드를 읽히거나, 통지카드 등을 보고 입력해 주세요.',
      'Đơn này cần mã số cá nhân của người này. Hãy đọc thẻ My Number của người đó, hoặc nhập theo thẻ thông báo hay giấy tờ tương tự.',
      'Este formulário precisa do My Number desta pessoa. Leia o cartão My Number dela ou digite o número a partir do cartão de notificação ou de papel semelhante.',
    ),
  },
};

const TOO_MANY: Record<'spouse' | 'child', (cap: number) => Localized> = {
  spouse: () =>
    L(
      '配偶者は1人だけ選べます。関係を選び直してください。',
      'つれあいは 1にん だけです。かんけいを えらびなおして ください。',
      'Only one person can be your spouse. Choose the relationship again.',
      '配偶只能选择一位。请重新选择关系。',
      '배우자는 한 명만 선택할 수 있습니다. 관계를 다시 선택해 주세요.',
      'Chỉ một người có thể là vợ/chồng. Hãy chọn lại quan hệ.',
      'Só uma pessoa pode ser seu cônjuge. Escolha o parentesco de novo.',
    ),
  child: (cap) =>
    L(
      `この書類に書けるお子さんは${cap}人までです。${cap + 1}人目からは窓口で職員にお伝えください（この人は「いいえ」で外せます）。`,
      `この しょるいに かける こどもは ${cap}にん までです。${cap + 1}にんめ からは まどぐちで つたえて ください。`,
      `The form has room for ${cap} children. Tell the clerk about the others (answer “No” for this person).`,
      `此表格最多可填写${cap}名子女。其余请告知窗口职员（此人可选择“否”）。`,
      `이 서류에는 자녀를 ${cap}명까지 적을 수 있습니다. 나머지는 창구 직원에게 알려 주세요.`,
      `Mẫu này ghi được tối đa ${cap} con. Hãy báo những người còn lại với nhân viên.`,
      `O formulário tem espaço para ${cap} filhos. Informe os outros ao atendente.`,
    ),
};

/** Said on the review when a form needs a person of a role nobody was entered as (a 児童手当 with no child). */
export const NEEDED: Record<PersonRole, Localized> = {
  member: L('一緒に届け出る人を入れてください。', 'いっしょに とどける ひとを いれて ください。', 'Enter the person in this application.', '请填写一起申报的人。', '함께 신고하는 사람을 입력해 주세요.', 'Hãy nhập người cùng khai.', 'Informe a pessoa deste pedido.'),
  spouse: L('配偶者を入れてください。', 'つれあいを いれて ください。', 'Enter your spouse.', '请填写配偶。', '배우자를 입력해 주세요.', 'Hãy nhập vợ/chồng.', 'Informe o cônjuge.'),
  child: L(
    'この書類にはお子さんが必要です。一緒に届け出る人に、お子さんを入れてください。',
    'この しょるいには こどもが ひつようです。いっしょに とどける ひとに こどもを いれて ください。',
    'This form is for a child: add the child as a person in this application.',
    '此表格需要子女信息。请在一起申报的人中加入子女。',
    '이 서류에는 자녀가 필요합니다. 함께 신고하는 사람에 자녀를 넣어 주세요.',
    'Đơn này cần thông tin con. Hãy thêm con vào người cùng khai.',
    'Este formulário é para um filho: inclua o filho como pessoa deste pedido.',
  ),
};
