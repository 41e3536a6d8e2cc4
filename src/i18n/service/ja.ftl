# サービスのページと送信メッセージ：日本語。です・ます調。

## すべてのページ

bad-host-title = 不正なリクエスト
bad-host = Host ヘッダーがないか、ホスト名ではありません。

## 振り返りのリマインダー（メールとチャット）

nudge-subject-due = 振り返りの時間です：{ $step }
nudge-subject-reminder = 未回答です：{ $step }
nudge-subject-many = { $count ->
   *[other] { $count } 件の振り返りがあなたを待っています
}
nudge-hello = こんにちは。
nudge-due = 「{ $program }」の振り返りの時間です：{ $step }。
nudge-waiting = 「{ $program }」の振り返り「{ $step }」が { $days ->
   *[other] { $days } 日
}前から回答を待っています。
nudge-reflect-now = 今すぐ振り返る：{ $url }
nudge-reflect-button = 今すぐ振り返る
nudge-reflect-step = 振り返る：{ $step }
nudge-open-course = 振り返るには、取り組みを決めたコースを開いてください。
nudge-few-minutes = 数分で終わります。コースでは、スキップしたり別の日を選んだりすることもできます。
nudge-program = 「{ $program }」
nudge-and = { $first }と{ $second }
nudge-why-email = このメールは、{ $programs }で取り組みを決めたため、予定に沿って振り返りをお知らせしています。
nudge-why-email-capped = このメールは、{ $programs }で取り組みを決めたため、予定に沿って振り返りをお知らせしています（1 回の振り返りにつき最大 { $count ->
   *[other] { $count } 通
}）。
nudge-why-chat = このメッセージは、{ $programs }で取り組みを決めたため、予定に沿って振り返りをお知らせしています（1 回の振り返りにつき最大 { $count ->
   *[other] { $count } 件
}）。
nudge-stop-email = このメールの配信を停止する：{ $url }
nudge-stop-chat = このメッセージの配信を停止する

## 配信停止のページ

unsubscribe-title = 振り返りメールの配信停止
unsubscribe-explain = 振り返りに関するメールが届かなくなります。計画と振り返りはそのまま残り、引き続きコースのページで回答できます。
unsubscribe-button = メールを停止する
unsubscribed-title = 配信を停止しました
unsubscribed = 今後、振り返りメールは届きません。計画はそのままです。コースのページには引き続き予定が表示されます。
link-not-valid-title = 無効なリンク
link-not-valid = このリンクは無効です。一部しかコピーされていない可能性があります。メールからもう一度開いてください。
try-again-title = もう一度お試しください
try-again = 今は記録できませんでした（{ $reason }）。1 分ほどしてから、もう一度リンクを開いてください。

## LTI の起動と Deep Linking の選択画面

launch-refused-title = 起動が拒否されました
launch-refused-heading = この起動は拒否されました
launch-refused-help = 学習プラットフォームからもう一度コースを開いてください。繰り返し起きる場合は、このメッセージを LMS 管理者に見せてください。
launch-login-incomplete = ログイン要求に iss、login_hint、target_link_uri のいずれかがありません。
launch-platform-unknown = この学習プラットフォームは Throughline に登録されていません。
launch-deployment-unknown = このデプロイメントは Throughline に登録されていません。
launch-not-recorded = 起動を記録できませんでした。しばらくしてからもう一度お試しください。
launch-login-not-recorded = ログインを記録できませんでした。しばらくしてからもう一度お試しください。
launch-incomplete = 起動に id_token または state がありません。
launch-no-login = この起動に対応する進行中のログインがありません（期限切れか、すでに使用済みです）。
launch-replayed = この起動はすでに使用されています（nonce が使用済みです）。
launch-invalid = 学習プラットフォームからの起動を受け付けられませんでした：{ $reason }
launch-title = フォローアップ計画
picker-no-key = このサービスには署名鍵がないため、Deep Linking の要求に応答できません。
picker-no-program = 追加できる有効なプログラムがまだありません。Throughline の管理者に追加を依頼してください。
picker-not-prepared = 選択画面を準備できませんでした。もう一度お試しください。
picker-title = コースに Throughline を追加
picker-legend = このリンクから受講者が開くフォローアッププログラムを選んでください
picker-grades = 計画を決めた受講者は、成績表で完了として記録されます。
picker-add = コースに追加
picker-choose = プログラムを選んでから追加してください。
picker-expired = このページは期限切れか、このサービスが作成したものではありません。コースからもう一度ツールを追加してください。
picker-unavailable = そのプログラムは利用できません。
picker-not-signed = プラットフォームへの応答に署名できませんでした。もう一度お試しください。
picker-returning-title = コースに Throughline を追加しています
picker-returning = 「{ $program }」を追加してコースに戻っています…
picker-continue = 続ける
picker-line-item = { $program }：計画を決定

## ステータスページ

status-title = Throughline サービス
status-running = このサーバーは稼働中です。構成要素：
status-lrs = xAPI LRS：{ $url }
status-lti = LTI 1.3 ツール：ログイン { $login }、起動と Deep Linking { $launch }、鍵 { $keys }
status-grades = プラットフォームへの LTI 成績：{ $state }
status-grades-state = 送信済み { $sent } 件、待機中 { $waiting } 件。
status-grades-problem = { $count } 件がまだ受け付けられておらず、間隔を空けて再試行しています。最新の応答：{ $answer }
status-unknown = 不明（データベースが応答しませんでした）
status-nudges = 振り返りメール：{ $state }
status-nudges-state = リマインダー送信 { $sent } 件、連絡可能な受講者 { $reachable } 人、配信停止 { $unsubscribed } 人
status-bundles = ウィジェットのバンドル：{ $url }
status-programs = コンパイル済みプログラム：{ $url }
status-dashboard = 定着度ダッシュボード
status-dashboard-note = （LRS の管理者キーでサインイン）
status-workbench = 設計者のワークベンチ

## ダッシュボードのサインインページ

dashboard-page-title = 定着度ダッシュボード · Throughline
dashboard-page-heading = 定着度ダッシュボード
dashboard-page-intro = 誰が何に取り組むと決めたか、どの行動が定着しつつあるかを、学習記録ストア（LRS）から読み取ります。その LRS の管理者キーでサインインしてください。キーはこのページ内にのみ保持されます。
dashboard-page-endpoint = LRS エンドポイント
dashboard-page-key = キー
dashboard-page-secret = シークレット
dashboard-page-program = プログラム
dashboard-page-open = ダッシュボードを開く
