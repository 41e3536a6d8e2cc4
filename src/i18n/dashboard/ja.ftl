# 定着度ダッシュボード：日本語。です・ます調。

## 起動と読み込み

dash-failed = ダッシュボードを起動できませんでした
dash-options-invalid = ダッシュボードのオプションが正しくありません：{ $reason }
dash-program-problems = プログラムファイルに問題があります。`throughline check` で確認してください：
dash-eyebrow = 定着度ダッシュボード
dash-as-of = { $date } 時点の数値です。名前の表示をオンにしない限り、受講者は仮名 ID で表示されます。
dash-loading-figures = 数値を読み込んでいます
dash-asking-service = Throughline サービスに数値を問い合わせています… サービス起動後の初回はすべてのステートメントを読むため、100 万件で 1 分ほどかかることがあります。
dash-loading-statements = ステートメントを読み込んでいます
dash-cancel = キャンセル
dash-refresh = 更新
dash-from-service = { $count ->
   *[other] Throughline サービスが { $count } 件のステートメントから算出した数値です。
}
dash-from-lrs = { $count ->
   *[other] 学習記録ストア（LRS）から { $count } 件のステートメントを読み込みました。
}
dash-cancelled = 読み込みをキャンセルしました。数値はそれまでに届いたステートメントを数えています。次回はその続きから読み込みます。
dash-kept-updating = { $count ->
   *[other] 前回の表示時点の数値です（ステートメント { $count } 件）。新しいステートメントを読み込み中で、数え終わると数値が更新されます。
}
dash-note = 注：{ $reason }。
progress-almost-done = ステートメントを読み込み中… { $count } 件、毎秒 { $rate } 件。まもなく完了します
progress-left = ステートメントを読み込み中… { $count } 件、毎秒 { $rate } 件。残り約 { $seconds } 秒（保存時刻からの推定）
progress-estimating = ステートメントを読み込み中… { $count } 件、毎秒 { $rate } 件。残り時間を推定しています
progress-unknown = ステートメントを読み込み中… { $count } 件、毎秒 { $rate } 件。残りの件数は学習記録ストアから示されていません

## 絞り込み

dash-filters = 絞り込み
dash-role = 役割
dash-all-roles = すべての役割
dash-course = コース
dash-all-courses = すべてのコース
dash-from = 決定日（開始）
dash-until = 決定日（終了）

## 各パネル共通

dash-download-csv = CSV をダウンロード
dash-table-view = 表で見る
dash-none = –
dash-yes = はい
dash-no = いいえ
dash-of = { $whole } 人中 { $part } 人（{ $share }）
dash-count-share = { $count }（{ $share }）

## どこで学びが途切れるか

funnel-title = どこで学びが途切れるか
funnel-question = 役割の選択から行動の定着までの道のりを、開始した人に対する割合で示します。一度に 4 分の 1 以上が離脱した段階を強調しています。
funnel-chart = 各段階の受講者数
funnel-table = 役割別、各段階の受講者数
funnel-step = 段階
funnel-learners = 受講者
funnel-lost = 前の段階からの離脱
stage-selected = 役割を選択
stage-committed = 取り組みを決定
stage-answered = { $day } 日目に回答（{ $title }）
stage-self-checked = 自己チェックを完了
stage-adopted = 行動が定着

## 役割

roles-title = 変化が期待されているのに育成されていないのは誰か
roles-question = プログラムが想定する各役割と、その受講者数です。受講者がいない、または少ない役割が目立つようにしています。
roles-chart = 役割別の受講者数
roles-committed = 決定済み
roles-flag = 注意
roles-nobody = { $count }（{ $share }）– 誰も育成されていません
roles-few = { $count }（{ $share }）– 少数
coverage-none = なし
coverage-few = 少数

## 共通言語

terms-title = 共通言語
terms-question = 受講者が自分の振り返りで使っている用語集の言葉です。使われていない用語を強調しています。
terms-chart = 振り返りで使われた用語
terms-table = 役割別、振り返りで使われた用語
terms-term = 用語
terms-uses = 使用回数
terms-reflections = 振り返り
terms-bar = { $learners ->
   *[other] { $learners } 人
}が { $uses ->
   *[other] { $uses } 回
}使用

## 定着の後押し

reinforcement-title = 時間を追った後押し
reinforcement-question = 各振り返りの段階について：期限内に回答、遅れて回答、スキップ、未回答、まだ期限前。
reinforcement-chart = 結果別の振り返りの案内
reinforcement-step = { $day } 日目：{ $title }
reinforcement-on-time = 期限内
reinforcement-late = 遅れて回答
reinforcement-skipped = スキップ
reinforcement-missed = 未回答
reinforcement-not-due = 期限前
reinforcement-not-due-yet = まだ期限前
reinforcement-snoozed = 1 回以上延期
reinforcement-own-day = 受講者が選んだ日
reinforcement-paused = { $count ->
   *[other] 本日 { $count } 人が休止中です。振り返りは復帰まで待機し、未回答とは数えません。
}

## 定着

adoption-title = 参加か、持続的な定着か
adoption-question = 取り組みを決めただけの受講者と、30 日・60 日・90 日後に行動が定着している受講者の比較です。行動別、週ごとの定着も示します。
adoption-sustained-chart = 取り組みの決定から N 日後に行動が定着している受講者
adoption-at = { $days } 日後に定着
adoption-table = 参加と定着の比較
adoption-after = 経過
adoption-days = { $days } 日
adoption-committed = 決定した受講者
adoption-only-committed = 決定のみ
adoption-adopted = 定着
adoption-behaviours-chart = 行動別の定着
adoption-weekly = 週ごと
adoption-weekly-table = 決定からの週数別、行動が定着した受講者の割合
adoption-week = { $week } 週目

## 出発点からの変化

baseline-title = 出発点からの変化
baseline-question = 行動ごとに、最新の自己チェックと、取り組みを決めたときの最初の評価を、尺度（{ $scale }）の段階で比べます。低下を強調しています。
baseline-chart = 行動別、出発点からの平均変化
baseline-table = 行動別、出発点からの変化（段階：0 が最も低い）
baseline-bar = { $change } 段階、{ $from } → { $to }（{ $learners ->
   *[other] { $learners } 人
}）
baseline-not-yet = 開始後の自己チェックはまだありません
baseline-mean-start = 開始時の平均
baseline-mean-latest = 最新の平均
baseline-mean-change = 平均変化
baseline-improved = 向上
baseline-unchanged = 変化なし
baseline-declined = 低下
baseline-not-rated = その後未評価

## 周囲から見た各行動

seen-title = 周囲から見た各行動
seen-question = 周囲の人に尋ねる行動ごとに、受講者自身がどのくらい実践していると答えたか（最新の自己チェック）と、周囲の人がどのくらい実践を見ているかを、尺度（{ $scale }）で並べます。周囲の見方は十分な人数が評価してから平均としてのみ表示するため、個人の回答は特定できません。
seen-none = このプログラムでは誰にも観察を依頼していないか、絞り込みで選んだ役割についての観察がありません。
seen-chart = 行動別、本人の見方と周囲の見方
seen-table = 行動別、本人と周囲の見方（段階：0 が最も低い）
seen-themselves = { $behaviour }（{ $role }）：本人
seen-others = { $behaviour }（{ $role }）：周囲
seen-own-bar = { $level }（{ $mean }）、{ $learners ->
   *[other] { $learners } 人
}
seen-others-bar = { $level }（{ $mean }）、{ $raters ->
   *[other] { $raters } 人
}が { $people ->
   *[other] { $people } 人
}を評価
seen-others-lower = { $level }（{ $mean }）、{ $raters ->
   *[other] { $raters } 人
}が { $people ->
   *[other] { $people } 人
}を評価。本人の見方より低めです
seen-no-self-check = 自己チェックはまだありません
seen-waiting = { $min } 人以上が評価するまで表示しません（現在 { $count } 人）
seen-no-ratings = 集計された評価はありません
seen-waits-for = { $count ->
   *[other] 周囲の見方の表示には、あと { $count } 人の評価が必要です
}
seen-lower-note = 周囲は本人が思うほどには実践を見ていません
seen-level = { $level }（{ $mean }）
seen-role-observed = 観察された役割
seen-own-view = 本人の見方
seen-others-view = 周囲の見方
seen-raters = 評価者
seen-people = 観察された人
seen-note = 注

## チーム

teams-title = チームのカバー状況
teams-question = このプログラムで作られたチームを仮名 ID で示します。リーダーが取り組みを決めたか、メンバーが決めたかを確認できます。リーダーが一度も決めていない、またはメンバーが一度も始めていないチームは、変化が期待されているのに誰も育成されていない場所です。
teams-chart = チームと、育成が始まっていない場所
teams-teams = チーム
teams-summary = { $count ->
   *[other] { $count } チーム
}、{ $members ->
   *[other] メンバー { $members } 人
}（1 チーム平均 { $mean } 人）
teams-count = { $count ->
   *[other] { $count } チーム
}
teams-count-share = { $count ->
   *[other] { $count } チーム
}（{ $share }）
teams-leader-never = リーダーが未決定
teams-members-never = メンバーが未開始
teams-no-members = メンバーなし
teams-no-leader = リーダー不明
teams-list = チーム一覧（先頭 { $count } 件）
teams-table = チーム、そのリーダーとメンバー
teams-team = チーム
teams-leader = リーダー
teams-leader-committed = リーダーの決定
teams-members = メンバー
teams-members-committed = 決定したメンバー
teams-flags = 注意

## インタビューする相手

success-title = インタビューする相手（サクセスケース抽出）
success-question = 行動ごとに、開始時から最も伸びた受講者と最も伸びなかった受講者を最大 { $count } 人ずつ挙げます（ブリンカーホフのサクセスケース・メソッド）。両方に、何が助けになり、何が妨げになったかを尋ねてください。
success-table = 行動別、インタビューする受講者
success-behaviour = 行動
success-group = グループ
success-strongest = 最も伸びた { $rank } 位
success-weakest = 最も伸びなかった { $rank } 位
success-learner = 受講者
success-start = 開始時
success-latest = 最新
success-change = 変化
success-checks = 自己チェック

## 受講者

learners-heading = 受講者（{ $count } 人）
learners-names = 受講者の名前を表示する（閲覧が許可されている場合のみ）
learners-list = 受講者一覧（先頭 500 人）
learners-table = 数値の元になった受講者
learners-committed = 決定日
learners-reflections = 振り返り
learners-adopted = 定着した行動

## 学習記録ストアからの応答

lrs-refused = 学習記録ストアがこの認証情報を拒否しました（401/403）。管理者キーとシークレットを確認してください。
lrs-trouble = 学習記録ストアで問題が発生しました（{ $status }）。しばらくしてからもう一度お試しください。これまでの数値は保持されます。
lrs-not-accepted = 学習記録ストアがこの問い合わせを受け付けませんでした（{ $status }）。
lrs-offline = 学習記録ストアに接続できませんでした。アドレスと接続を確認してください。
lrs-malformed = 学習記録ストアの応答がステートメントの一覧ではありませんでした。
lrs-loop = 学習記録ストアが同じページを送り続けたため、無限ループを避けて読み込みを停止しました。
