// The designer cannot publish a broken form: the phone box dragged onto the relation row (an overlap) and a new field
// whose question lacks four of the kiosk's languages are listed before publishing, a click selects the field, the
// plain publish is off (and the service refuses it too), and 「問題があっても公開する」 publishes after a confirmation
// that names the problems, with an audit line. Selecting a box does not move the paper; a field in a table cell moves
// by dragging, becomes a free box with a notice, and one undo puts it back in its cell.
import type { Page } from '@playwright/test';
import { ADMIN_HTTP } from '../src-main/contract/admin';
import { adminTest, submitSignIn } from './support/admin-fixture';
import { E2E_IT, expect } from './support/kiosk-fixture';

const test = adminTest();

const loc = (ja: string, easy: string, en: string, zhHans: string, ko: string, vi: string, pt: string) => ({ ja, easy, en, 'zh-Hans': zhHans, ko, vi, pt });

/** A form on the engine's own layout: a grid of 氏名 and 続柄 rows, each a field in its cell, and a free phone box. */
function gridForm(id: string) {
  return {
    id,
    version: 1,
    // A long title, as real forms have: the toolbar is as full as it gets.
    title: loc(
      '子ども・子育て支援 手続き届出書（公開前の確認のためのテスト用）',
      'こども・こそだての てつづきの とどけ（ためし）',
      'Child and childcare support notification (a test of the publish checks)',
      '儿童及育儿支援手续申报书（发布前检查测试用）',
      '아동·육아 지원 절차 신고서(공개 전 확인 테스트용)',
      'Tờ khai thủ tục hỗ trợ trẻ em và nuôi dạy con (thử nghiệm kiểm tra trước khi công bố)',
      'Declaração de procedimentos de apoio à criança (teste das verificações antes de publicar)',
    ),
    category: 'other',
    legalBasis: '香取市事務処理規則',
    myNumberUse: false,
    layout: [
      {
        kind: 'grid',
        at: [20, 30],
        w: 170,
        rows: [
          { h: 14, cells: [{ w: 30, label: '氏名', fill: '#eeeeee' }, { id: 'cell.name' }] },
          { h: 14, cells: [{ w: 30, label: '続柄', fill: '#eeeeee' }, { id: 'cell.relation' }] },
        ],
      },
      { kind: 'label', at: [20, 80, 30, 10], text: '電話番号' },
    ],
    fields: [
      { id: 'name', type: 'text', label: loc('氏名', 'なまえ', 'Name', '姓名', '성명', 'Họ và tên', 'Nome'), source: 'card.name', at: 'cell.name' },
      { id: 'relation', type: 'text', label: loc('続柄', 'かぞくの かんけい', 'Relationship', '与户主的关系', '관계', 'Quan hệ', 'Parentesco'), at: 'cell.relation' },
      { id: 'phone', type: 'phone', label: loc('電話番号', 'でんわばんごう', 'Phone number', '电话号码', '전화번호', 'Số điện thoại', 'Telefone'), at: [52, 80, 60, 10] },
    ],
  };
}

/** An admin call with the page's session cookie (and its Origin, as the app's own calls), answering the envelope. */
async function adminCall(page: Page, name: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; problems?: { code: string; fieldIds: string[] }[] } }> {
  const url = new URL(ADMIN_HTTP.call, page.url());
  const res = await page.request.post(url.toString(), { data: { name, params }, headers: { Origin: url.origin } });
  return (await res.json()) as never;
}

async function openDesigner(page: Page, url: string, id: string): Promise<void> {
  await submitSignIn(page, url, E2E_IT.name, E2E_IT.passphrase);
  await expect(page.locator('.admin-documents').first()).toBeVisible();
  expect(await adminCall(page, 'documents.save', { kind: 'template', document: gridForm(id), basedOn: null })).toMatchObject({ ok: true, result: { ok: true, version: 1 } });
  await page.goto(`${url}#/template/${id}`);
  await expect(page.locator('.designer-page[data-page="1"]')).toBeVisible();
  await expect(page.locator('.designer-check')).toHaveAttribute('data-problems', '0');
}

/** Drags a box by (dx, dy) screen pixels with the mouse, in steps as a hand does. */
async function dragBy(page: Page, selector: string, dx: number, dy: number): Promise<void> {
  const box = (await page.locator(selector).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

async function readout(page: Page): Promise<number[]> {
  return Promise.all(['x', 'y', 'w', 'h'].map(async (k) => Number(await page.locator(`.designer-readout [data-axis="${k}"] b`).innerText())));
}

test.describe('the designer before publishing', () => {
  test('refuses to publish an overlap and a missing language, lists them (a click selects the field), and publishes anyway after a confirmation, with an audit line', async ({ page, admin, journey }) => {
    test.setTimeout(180_000);
    const id = 'e2e-publish-checks';
    await openDesigner(page, admin.url, id);
    await expect(page.locator('.designer-check-ok')).toHaveText('✓ 公開を止める問題はありません');
    // The field list leads with each field's label; its id follows, small.
    await expect(page.locator('.designer-field-item').nth(2).locator('span:not(.designer-mark)').first()).toHaveText('電話番号');
    await expect(page.locator('.designer-field-item').nth(2).locator('.designer-field-id')).toHaveText('phone');

    // Selecting a box moves neither the paper nor the toolbar (a fixed-width readout, no wrap at 1920×1080), with the
    // toolbar as full as it gets: a long title and an unsaved edit's badge.
    await page.locator('.designer-box[data-field-id="phone"]').click();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.designer-state')).toContainText('未保存');
    await page.keyboard.press('Escape');
    await expect(page.locator('.designer-readout')).toHaveText('枠を選んでください');
    const canvasBefore = await page.locator('.designer-page[data-page="1"]').boundingBox();
    const toolbarBefore = await page.locator('.designer-toolbar').boundingBox();
    await journey.step('nothing-selected');
    await page.locator('.designer-box[data-field-id="phone"]').click();
    await expect(page.locator('.designer-box[data-field-id="phone"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('.designer-readout [data-axis="x"] b')).toHaveText('52.5');
    expect(await page.locator('.designer-page[data-page="1"]').boundingBox()).toEqual(canvasBefore);
    expect(await page.locator('.designer-toolbar').boundingBox()).toEqual(toolbarBefore);
    await journey.step('phone-selected');

    // The phone box dragged onto the 続柄 row: an overlap, listed before publishing.
    const relation = (await page.locator('.designer-box[data-field-id="relation"]').boundingBox())!;
    const phone = (await page.locator('.designer-box[data-field-id="phone"]').boundingBox())!;
    await dragBy(page, '.designer-box[data-field-id="phone"]', relation.x + relation.width / 2 - (phone.x + phone.width / 2), relation.y + relation.height / 2 - (phone.y + phone.height / 2));
    const overlap = page.locator('.designer-check button[data-check="overlap"]');
    await expect(overlap).toHaveText('「続柄」(relation) と 「電話番号」(phone) が重なっています（1ページ）');
    await journey.step('overlap-listed');

    // A new field from the palette: its question is in three languages only.
    await page.locator('.designer-palette-item[data-type="text"]').dragTo(page.locator('.designer-page[data-page="1"]'), { targetPosition: { x: 500, y: 700 } });
    const missing = page.locator('.designer-check button[data-check="missing-language"][data-check-fields="text1"]');
    await expect(missing).toContainText('「項目」(text1) の 質問・見出し に 中文, 한국어, Tiếng Việt, Português がありません');
    await page.locator('.designer-save .admin-primary').click();
    await expect(page.locator('.admin-notice')).toHaveText('v2 として保存しました。');
    await expect(page.locator('.designer-check')).toHaveAttribute('data-problems', '2');
    await expect(page.locator('.designer-publish')).toBeDisabled();

    // A click on a problem selects its fields.
    await overlap.click();
    await expect(page.locator('.designer-box[data-field-id="phone"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('.designer-box[data-field-id="relation"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('.designer-box[data-field-id="text1"]')).toHaveAttribute('aria-pressed', 'false');

    // The service refuses the plain publish itself, whatever a client shows.
    const refused = await adminCall(page, 'documents.publish', { kind: 'template', id, version: 2 });
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('publish-problems');
    expect(refused.error?.problems?.map((p) => `${p.code} ${p.fieldIds.join('+')}`)).toEqual(['overlap relation+phone', 'missing-language text1']);

    // Publish anyway: a confirmation naming the problems first.
    await page.locator('.designer-publish-anyway').click();
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toContainText('次の2件の問題があるまま v2 を公開します');
    await expect(confirm.locator('li')).toHaveText([/重なっています/, /Português がありません/]);
    await journey.step('publish-anyway-confirm');
    await confirm.getByRole('button', { name: '問題があるまま公開する' }).click();
    await expect(page.locator('.admin-notice')).toContainText('v2 を公開しました');
    await expect(page.locator('.designer-publish')).toHaveText('v2 公開中');

    // The audit screen shows the line: who, the form, and the problems by code and field id.
    await page.locator('.admin-header nav a', { hasText: '操作の記録' }).click();
    const line = page.locator('.admin-audit tr[data-action="publish"]', { hasText: id }).first();
    await expect(line).toContainText(E2E_IT.name);
    await expect(line).toContainText('published anyway despite overlap relation+phone, missing-language text1');
    await journey.step('audit-publish-anyway');
  });

  test('a field in a table cell moves by dragging: it becomes a free box with a notice, and one undo puts it back in its cell', async ({ page, admin, journey }) => {
    test.setTimeout(120_000);
    await openDesigner(page, admin.url, 'e2e-cell-drag');
    const relation = page.locator('.designer-box[data-field-id="relation"]');
    await expect(relation).toHaveClass(/in-cell/);
    const before = (await relation.boundingBox())!;
    const toolbar = (await page.locator('.designer-toolbar').boundingBox())!;

    await dragBy(page, '.designer-box[data-field-id="relation"]', 0, 120);
    await expect(page.locator('.admin-notice')).toHaveText('表のマスから外して自由な枠にしました（元に戻す: Ctrl+Z）');
    await expect(relation).not.toHaveClass(/in-cell/);
    // The unsaved badge (and the readout) fit the toolbar's one row at 1920×1080: the paper stays where it was.
    await expect(page.locator('.designer-state')).toContainText('未保存');
    expect(await page.locator('.designer-toolbar').boundingBox()).toEqual(toolbar);
    const moved = await readout(page);
    // The cell is 140 × 14 mm at (50, 44): the free box keeps its size and lands lower.
    expect(moved[0]).toBeCloseTo(50, 0);
    expect(moved[1]).toBeGreaterThan(60);
    expect(moved.slice(2)).toEqual([140, 14]);
    await journey.step('freed-from-cell');

    await page.keyboard.press('Control+z');
    await expect(relation).toHaveClass(/in-cell/);
    expect(await relation.boundingBox()).toEqual(before);
    await page.keyboard.press('Control+Shift+z');
    await expect(relation).not.toHaveClass(/in-cell/);
  });
});
