# Throughline 受講者ウィジェット：日本語。en.ftl と同じメッセージ（テストで確認）。です・ます調。

## 共通
continue = 次へ
cancel = キャンセル
try-again = もう一度試す
part-unfetched = この部分を読み込めませんでした。接続を確認してから、もう一度お試しください。これまでの操作は失われません。
step-of = ステップ { $step }/{ $steps }
loading = フォローアップ計画を読み込んでいます…
failed-heading = フォローアップ計画を開始できませんでした
greeting = { $name }さんの計画
greeting-anonymous = あなたのフォローアップ計画
role-badge = 役割：{ $role }
dismiss = 閉じる

## ステップ 1：役割
role-question = このプログラムで、あなたに最も合う役割はどれですか？
role-why = 役割ごとに、同じスキルについて別々の取り組みがあります。リーダー、チーム、関係者がそれぞれ、同じ対話の自分の側を実践します。
role-locked = 取り組みを決めたため、役割は確定しています。変更するには、計画の下にある「最初からやり直す」を使ってください。
role-choose-first = あなたに最も合う役割を選んでください。
role-saved = 役割を保存しました。

## ステップ 2：取り組み
commit-heading = 職場で実行することを決めましょう
commit-help = 1〜3 個選んでください。それぞれを自分の言葉に言い換え、いつ・どこで実行するかを書きます。時間と場所が決まった計画ほど実行されます。
commit-editing = 取り組みを編集
commit-behaviour = 行動
commit-how-often-now = 始める前の今、どのくらいの頻度でこれを行っていますか？
commit-own = 自分で考えた取り組み
commit-what = 実行すること
commit-when = いつ・どこで実行するか
commit-when-example = 例：毎週月曜の 1on1 で
commit-why = これが自分にとって大切な理由（任意）
commit-why-private = あなた自身の計画と記録にだけ保存されます。プログラムのダッシュボードには表示されません。
commit-add-own = 自分の取り組みを追加
commit-save = 取り組みを保存
commit-submit = この計画で取り組む
commit-change-role = 役割を変更
commit-saved = 取り組みを保存しました。

## 今日の振り返り
due-paused-heading = 計画は一時停止中です
due-paused = { $date } まで休暇中です。振り返りは待機しており、未実施として数えられることはありません。
due-resume = 戻りました：計画を再開
due-resumed = おかえりなさい。計画を再開しました。
due-none-heading = 今日の予定はありません
due-next = 次の振り返り「{ $title }」は { $date } です。それまで取り組みを続けましょう。
due-all-done = このプログラムの振り返りをすべて終えました。お疲れさまでした。この習慣を続けていきましょう。
due-overdue = { $days ->
    [0] この振り返りは今日が予定日です。
    [1] この振り返りは昨日が予定日でした。それより前の未実施の振り返りは締め切られたので、今はこれに取り組みましょう。
   *[other] この振り返りは { $days } 日前が予定日でした。それより前の未実施の振り返りは締め切られたので、今はこれに取り組みましょう。
}
due-eyebrow = 振り返り · { $day } 日目 · 予定日 { $date }
due-reflection = あなたの振り返り
due-self-check = セルフチェック
due-observer-heading = チームの様子
due-observer-help = 任意です。回答は、少なくとも他の 2 人の回答と合わせた場合にのみ集計され、あなたの回答を誰かが見ることはありません。
due-save = 振り返りを保存
due-saved = 振り返りを保存しました。ありがとうございます。
due-skip = 今回はスキップ
due-skipped = 振り返りをスキップしました。
due-snoozed = リマインダーを移動しました。
snooze-tomorrow = 明日リマインド
snooze-days = { $days } 日後
snooze-week = 1 週間後

## 学習記録への保存
sync-ok = すべての進捗が学習記録に保存されています。
sync-sending = { $count ->
   *[other] { $count } 件の記録を送信しています…
}
sync-offline = オフライン：{ $count } 件が待機中です。オンラインに戻ると送信されます。
sync-failed = { $count ->
   *[other] 確認が必要です：{ $count } 件の記録を保存できませんでした。この端末に保持しています。{ $why }
}
sync-return = コースに戻る

## ほかのプログラム
elsewhere-heading = ほかのプログラムでも予定があります
elsewhere-item = { $program }：「{ $step }」、予定日 { $date }
elsewhere-open = コースを開く

## 計画
plan-heading = 私の取り組み
plan-edit = 取り組みを編集
plan-when-where = いつ・どこで：{ $text }
state-not-started = 未着手
state-trying = 実践中
state-adopted = 定着
state-lapsed = 後退

## スケジュール
schedule-heading = 振り返りのスケジュール
schedule-help = コース後の数週間にわたって、短い振り返りを行います。カレンダーに追加しておけば、忘れずに取り組めます。
schedule-download = カレンダーに追加（.ics）
schedule-downloaded = カレンダーファイルをダウンロードしました。
schedule-step = { $day } 日目：{ $title }
schedule-step-check = { $day } 日目：{ $title } · セルフチェックあり
schedule-planned = （当初の予定 { $date }）
status-upcoming = 予定
status-due = 実施日
status-snoozed = { $date } に延期
status-done = 完了
status-skipped = スキップ
status-missed = 未実施
status-waiting = { $date } まで待機

## カレンダーのリンク
feed-offer = または、カレンダーアプリが購読するリンクを取得できます。日程の変更が自動で反映されます。
feed-get = カレンダーのリンクを取得
feed-label = 私のカレンダーのリンク
feed-help = カレンダーアプリで購読（「URL から追加」）として登録してください。このリンクはあなた専用です。リンクを知っている人は、あなたの振り返りの日程を見ることができます。
feed-copy = リンクをコピー
feed-open = カレンダーアプリで開く
feed-new = 新しいリンクを作成
feed-stop = カレンダーのリンクを停止
feed-ready = カレンダーのリンクの準備ができました。カレンダーアプリで購読として追加してください。
feed-stopped = カレンダーのリンクを停止しました。このリンクを使っていたカレンダーは更新されなくなります。
feed-copied = カレンダーのリンクをコピーしました。
feed-copy-refused = ブラウザーがコピーを許可しませんでした。リンクを選択して手動でコピーしてください。

## 自分のペース
cadence-summary = 振り返りの日程を変更
cadence-move-legend = 振り返りを移動（最大 { $days } 日）
cadence-reflection = 振り返り
cadence-step-option = { $day } 日目：{ $title }（{ $date }）
cadence-new-day = 新しい日
cadence-same-day = 予定どおりの日
cadence-earlier = { $days } 日早く
cadence-later = { $days } 日遅く
cadence-move = 振り返りを移動
cadence-moved = 振り返りを移動しました。
cadence-nothing-to-move = 移動できる今後の振り返りはありません。
cadence-day-legend = 振り返りの曜日
cadence-day-label = 振り返りを行う曜日
cadence-program-days = プログラムどおりの日
cadence-day-save = 曜日を保存
cadence-day-saved = 振り返りの曜日を保存しました。
cadence-pause-legend = 休暇中ですか？最大 { $days } 日まで一時停止できます
cadence-leave-until = 休暇の終了日
cadence-change-back = 戻る日を変更
cadence-pause = 計画を一時停止
cadence-change-return = 戻る日を変更する
cadence-paused = 戻るまで計画を一時停止しました。
cadence-paused-until = 計画は一時停止中です：{ $date } まで休暇中です。それまでは予定もなく、未実施として数えられることもありません。
cadence-choose-date = 戻る日を選んでください。
weekday-monday = 月曜日
weekday-tuesday = 火曜日
weekday-wednesday = 水曜日
weekday-thursday = 木曜日
weekday-friday = 金曜日
weekday-saturday = 土曜日
weekday-sunday = 日曜日

## 私の推移
trend-heading = 私の推移
trend-empty = 最初のセルフチェックの後に推移が表示されます。
trend-baseline-only = 推移は、始める前に答えた今の状態から始まり、最初のセルフチェックの後に続きます。
trend-start = 開始時
trend-day = { $day } 日目
# Inside a sentence (the chart's description).
trend-start-inline = 開始時
trend-day-inline = { $day } 日目
trend-point = { $day }：おおむね「{ $level }」
trend-summary = セルフチェックの平均の推移：{ $points }。
trend-help = 最も低いレベル：{ $lowest }。各点はその回のセルフチェックの平均です。「開始時」は、取り組みを決めたときに答えた状態です。
trend-caption = 行動ごとのセルフチェック

## 共通の言葉
glossary-heading = 共通の言葉
glossary-help = リーダー、チームメンバー、関係者の全員が、これらの言葉を同じ意味で使います。

## 最初からやり直す
start-over = 最初からやり直す
start-over-confirm = 最初からやり直しますか？このブラウザーに保存された役割、取り組み、振り返りが消去されます。
start-over-yes = はい、やり直します
start-over-keep = 計画を残す
start-over-done = 計画を消去しました。

## チーム
team-heading = 私のチーム
team-my-name = チームに表示される私の名前
team-looking = チームを探しています…
team-still-loading = チームを読み込み中です。少し待ってからもう一度お試しください。
team-name-first = 先に、チームに表示する名前を入力してください。
team-ready = チームの準備ができました。コードまたはリンクを、あなたが率いるメンバーに共有してください。
team-joined = チームに参加しました。
team-left = チームから抜けました。
team-removed = このメンバーをチームから外しました。
team-roster-added = コースの受講者名簿をチームに追加しました。
team-invitation = チームへの招待
team-invited = チームに招待されています（コード { $code }）。参加すると、あなたの取り組みがチームに共有されます。共有する内容は下で選べます。振り返りは非公開のままです。
team-join-this = このチームに参加
team-start-help = チームを作ると、あなたが率いるメンバーがあなたの取り組みを見られ、あなたもメンバーの取り組みを見られます。
team-start = チームを作成
team-join-summary = コードでチームに参加
team-code = チームコード
team-join = チームに参加する
team-remove = 外す
team-remove-who = { $name }さんをチームから外す
team-member = { $name }（{ $role }）
team-member-leads = { $name }（{ $role }）· チームリーダー
team-nothing-shared = ペアの相手側からはまだ何も共有されていません。
team-side-leader = あなたのリーダー { $name }さんの取り組み：「{ $behaviour }」
team-side-member = { $name }さん（{ $role }）の取り組み：「{ $behaviour }」
team-side-pair = （{ $pair }）
team-share = 「{ $title }」を共有
team-add-roster = コースの受講者名簿を追加
team-share-code = このコードを、あなたが率いるメンバーに共有してください：
team-join-link = 参加用リンク
team-leave = このチームから抜ける
team-led-by = リーダー：{ $leader }。メンバー { $count } 人。
team-who = メンバー
team-other-side = 相手側の取り組み
team-what-i-share = このチームに共有するもの
team-never-shared = 振り返りと評価が共有されることはありません。
team-reading-figures = チームの数値を読み込んでいます…
team-not-rated = まだ評価なし
team-quoted = 「{ $level }」
team-says = チームの評価は「{ $level }」（{ $count } 人、{ $day } 日目）
team-shown-once = { $min } 人が回答すると表示されます（あと { $needed } 人）
team-no-answers = まだ回答がありません。{ $min } 人が回答すると表示されます
team-seen-row = { $title }：自己評価は { $mine }、{ $team }。
team-adoption-row = { $title }：{ $members } 人が取り組み中。定着 { $adopted } 人、実践中 { $trying } 人、未着手 { $notstarted } 人、後退 { $lapsed } 人。
team-adoption-empty = ペアになっている各行動について、チームの 3 人以上が取り組みを決めると表示されます。
team-lead-figures = あなたが率いるメンバーの状況
team-sees-me = チームから見た私

## 操作が受け付けられなかった理由（計画のルール）
plan-error-unknown-role = 「{ $role }」はこのプログラムの役割ではありません。表示されている役割から選んでください。
plan-error-role-locked = 取り組みを決めると役割は確定します。別の役割を選ぶには「最初からやり直す」を使ってください。
plan-error-no-role = まず役割を選んでください。
plan-error-no-commitments = 続けるには、取り組みを 1 つ以上選んでください。
plan-error-too-many = 取り組みは { $max } 個までにしましょう。多くを始めるより、少しを確実に続けるほうが効果的です。
plan-error-behaviour-not-for-role = 「{ $behaviour }」はあなたの役割の行動ではありません。
plan-error-empty-what = 実行することを入力してください。
plan-error-empty-when = いつ・どこで実行するかを入力してください。
plan-error-empty-reflection = 振り返りを入力してください。
plan-error-long-what = 「実行すること」が長すぎます。{ $max } 文字未満にしてください。
plan-error-long-when = 「いつ・どこで実行するか」が長すぎます。{ $max } 文字未満にしてください。
plan-error-long-reflection = 振り返りが長すぎます。{ $max } 文字未満にしてください。
plan-error-not-due = この振り返りは現在受け付けていません。ページを再読み込みして、今の予定を確認してください。
plan-error-missing-rating = 保存する前に、「{ $behaviour }」の頻度を評価してください。
plan-error-bad-rating = 「{ $behaviour }」の評価が尺度にありません。
plan-error-bad-snooze = 次の振り返りより前の、もっと後の日を選んでください。
plan-error-missing-baseline = 「{ $behaviour }」を今どのくらいの頻度で行っているか答えてください。ここからの進歩がわかります。
plan-error-not-committed = まず計画で取り組みを決めてください。その後で日程を設定できます。
plan-error-no-moving = このプログラムでは振り返りを移動できません。
plan-error-no-weekday = このプログラムでは曜日を選べません。
plan-error-no-pausing = このプログラムでは一時停止できません。
plan-error-move-too-far = 振り返りは、予定日から最大 { $max } 日まで移動できます。
plan-error-cannot-move = 移動できるのは、これからの振り返りだけです。
plan-error-move-past-neighbour = 振り返りを前後の振り返りより先へ移動することはできません。
plan-error-move-into-past = 今日以降の日を選んでください。
plan-error-weekday-not-offered = このプログラムで選べる曜日：{ $days }。
plan-error-bad-pause = 今日より後の、戻る日を選んでください。
plan-error-pause-too-long = 一時停止できるのは最大 { $max } 日です。もっと早い戻る日を選んでください。
plan-error-not-paused = 計画は一時停止していません。

## ウィジェットが知らせる問題

problem-options = このページのフォローアップ計画の設定に問題があります。このメッセージをコースページの担当者に見せてください：
problem-storage-step = ブラウザーのストレージがいっぱいか無効になっているため、このステップを記録できませんでした。空き容量を増やすか、このサイトにストレージの使用を許可してから、もう一度お試しください。
problem-session-ended = このコースのセッションは終了し、内容はすべて記録されました。続けるには、学習プラットフォームからもう一度コースを開いてください。
problem-program-invalid = プログラムファイルに問題があるため、ウィジェットを起動できません。コース設計者に `throughline check` での確認を依頼してください：
problem-role-hint = コースが提案した役割「{ $role }」はこのプログラムにありません。役割を選んでください。
problem-storage-blocked = このブラウザーでは計画を保存できません（プライベートモードか、ストレージが無効です）。このページを離れると変更は失われます。
problem-storage-full = 計画を保存できませんでした。このサイトのブラウザーストレージがいっぱいか、無効になっています。
problem-sync-offline = 計画はこのブラウザーに保存されています。オンラインに戻ると学習記録ストアにコピーされます。
problem-sync-refused = 学習記録ストアがウィジェットの認証情報を受け付けなかったため、計画はこのブラウザーにのみ保存されています。
problem-sync-no-plans = 進捗は記録されています。この学習記録ストアは計画を保存しないため、計画はこのブラウザーに残ります。
problem-sync-status = 学習記録ストアが { $status } を返しました。計画はこのブラウザーに保存されており、後でコピーされます。
problem-sync-other-window = 計画が別のウィンドウで変更されています。まもなくコピーされます。
problem-programs-other-window = プログラムの一覧が別のウィンドウで変更されています。次回の訪問時に更新されます。
problem-team-offline = チームに接続できませんでした（オフラインか、サーバーが応答しませんでした）。しばらくしてからもう一度お試しください。
problem-team-refused = 学習記録ストアがこのページでのチームの保存を許可していません。コースの管理者にお問い合わせください。
problem-team-status = チームを保存できませんでした（エラー { $status }）。後でもう一度お試しください。
problem-team-list-unreadable = サービスのチーム一覧を読み込めませんでした：{ $reason }
problem-team-figures-need-service = チームからの見え方を表示するには Throughline サービスが必要です。この学習記録ストアはチームの数値を保持していません。
problem-team-figures-unreadable = チームの数値を読み込めませんでした：{ $reason }
problem-roster-needs-service = コースの名簿を追加するには Throughline サービスが必要です。
problem-team-unreadable = チームを読み込めませんでした：{ $reason }
problem-team-busy = 今、ほかの人がチームを変更しています。しばらくしてからもう一度お試しください。
problem-teams-other-window = チームの一覧が別のウィンドウで変更されています。ページを再読み込みしてください。
problem-team-code = このブラウザーではチームコードを作れません（安全な乱数が使えません）。
problem-download-refused = ブラウザーがダウンロードを許可しませんでした。もう一度試すか、別のブラウザーを使ってください。
problem-checker-empty = プログラムのチェッカーがプログラムを返しませんでした。
problem-program-unreachable = { $url } のプログラムファイルに接続できませんでした。アドレスと接続を確認してください。
problem-program-status = { $url } のプログラムファイルを読み込めませんでした（サーバーの応答：{ $status }）。
problem-program-unreadable = { $url } のプログラムファイルは読み取れるテキストではありません。
problem-checker-unavailable = このプログラムはソースファイルですが、ソースファイルを読むチェッカーを読み込めませんでした。コース設計者に、コンパイル済みプログラム（`throughline compile`）を公開するか、`check` フォルダーを throughline.js の隣に置くよう依頼してください。
problem-cmi5-no-answer = 学習プラットフォームからサインイン用トークンを取得できませんでした（応答なし）。プラットフォームからもう一度開いてください。
problem-cmi5-unreadable = 学習プラットフォームのサインイン応答を読み取れませんでした。プラットフォームからもう一度コースを開いてください。
problem-cmi5-used = このコースの起動リンクはすでに使用されています。学習プラットフォームからもう一度コースを開いてください。
problem-cmi5-no-token = 学習プラットフォームがコースにサインイン用トークンを渡しませんでした。プラットフォームからもう一度コースを開いてください。
problem-lrs-unreachable-start = コースを開始するための学習記録ストアに接続できませんでした。接続を確認して再読み込みしてください。
problem-cmi5-no-launch-data = 学習プラットフォームがコースの起動データを用意していませんでした。プラットフォームからもう一度コースを開いてください。
problem-lrs-status-start = コースの開始時に学習記録ストアが { $status } を返しました。学習プラットフォームからもう一度開いてください。
problem-cmi5-no-session = 学習プラットフォームの起動データにセッション ID がありません。

## チームの操作が拒否された理由

team-error-bad-code = チームコードではありません。コードは K7QF-M2XP のような 8 文字の英数字です。
team-error-no-such-team = このコードのチームはありません。共有した人に確認してください。チームが閉じられた可能性があります。
team-error-other-program = このチームは別のプログラムのものです。参加するには、そのプログラムのコースページを開いてください。
team-error-full = このチームは満員です。リーダーに空きを作るか、別のチームを作るよう依頼してください。
team-error-removed = リーダーがあなたをこのチームから外したため、このコードでは参加できません。間違いであればリーダーに確認してください。
team-error-not-leader = この操作はチームのリーダーだけができます。
team-error-not-member = あなたはこのチームのメンバーではありません（もうメンバーではありません）。
team-error-leader-stays = あなたはこのチームのリーダーなので、チームを抜けることはできません。チームを終える場合は、先にメンバーを外してください。
team-error-cannot-lead = このプログラムでのあなたの役割はチームを率いません。代わりに、リーダーのコードでそのチームに参加してください。
team-error-unknown-role = チームに参加する前に、このプログラムでの役割を選んでください。
team-error-unreadable = チームの記録を読み込めませんでした（{ $reason }）。チームのリーダーに確認を依頼してください。
